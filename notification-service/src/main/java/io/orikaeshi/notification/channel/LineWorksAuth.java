package io.orikaeshi.notification.channel;

import com.fasterxml.jackson.databind.JsonNode;

import io.orikaeshi.kit.secrets.LineWorksCredential;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * LINE WORKS API 2.0 access tokens for a service account (JWT bearer grant): how the token is asked for and what the
 * answer means. https://developers.worksmobile.com/jp/docs/auth-jwt: {@code POST {authUrl}/oauth2/v2.0/token}, a form
 * of {@code assertion} (a JWT, RS256, signed with the service account's private key; iss the client id, sub the
 * service account, iat, exp at most an hour later), {@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer},
 * {@code client_id}, {@code client_secret} and {@code scope}; the answer is {@code {"access_token", "token_type",
 * "expires_in", ...}} with {@code expires_in} in seconds, as text.
 */
public final class LineWorksAuth {

    public static final String STANDARD_AUTH_URL = "https://auth.worksmobile.com";
    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final Duration ASSERTION_LIFETIME = Duration.ofHours(1);
    /** A token is taken as valid an hour when its answer does not say: the shorter of the two lifetimes it has. */
    private static final Duration UNSTATED_LIFETIME = Duration.ofHours(1);
    /** OAuth error codes (invalid_client, …) are words; anything else in an error answer is not repeated. */
    private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    /** What the token endpoint answered. */
    public sealed interface Grant {

        /** @param lifetime from the answer's {@code expires_in} */
        record Issued(String accessToken, Duration lifetime) implements Grant {

            /** The token is a secret: never in a message that prints this. */
            @Override
            public String toString() {
                return "Issued[lifetime=" + lifetime + "]";
            }
        }

        /** No token: {@link Verdict.Refused} for a credential the server rejects, {@link Verdict.Retry} otherwise. */
        record Denied(Verdict verdict) implements Grant {
        }
    }

    private LineWorksAuth() {
    }

    public static HttpCall tokenRequest(String authUrl, LineWorksCredential credential, Instant now) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("assertion", assertion(credential, now));
        form.put("grant_type", GRANT_TYPE);
        form.put("client_id", credential.clientId());
        form.put("client_secret", credential.clientSecret());
        form.put("scope", credential.scope());
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return new HttpCall("POST", ChatFormat.endpoint(Optional.of(authUrl), STANDARD_AUTH_URL, "/oauth2/v2.0/token"),
                Map.of("Content-Type", "application/x-www-form-urlencoded"), body);
    }

    /** The JWT: {@code base64url(header).base64url(claims).base64url(RS256 signature)}. */
    static String assertion(LineWorksCredential credential, Instant now) {
        String header = ChatFormat.json(ChatFormat.object().put("alg", "RS256").put("typ", "JWT"));
        String claims = ChatFormat.json(ChatFormat.object().put("iss", credential.clientId())
                .put("sub", credential.serviceAccount()).put("iat", now.getEpochSecond())
                .put("exp", now.plus(ASSERTION_LIFETIME).getEpochSecond()));
        String signed = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(credential.privateKey());
            rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + base64Url(rsa.sign());
        } catch (GeneralSecurityException e) {
            // A key the credential's parse accepted always signs; this is the JDK failing, with no key in its text.
            throw new IllegalStateException("cannot sign the LINE WORKS assertion: " + e.getClass().getSimpleName());
        }
    }

    /**
     * A token with its lifetime; a 4xx but 408/429 is the credential refused (a retry sends the same one); 408, 429
     * and 5xx are retried. Only the status and the OAuth error code are told: the body may echo what it was sent.
     */
    public static Grant answer(int status, Map<String, String> headers, String body) {
        Optional<JsonNode> json = ChatFormat.parse(body);
        if (status >= 200 && status < 300) {
            Optional<String> token = json.map(j -> j.path("access_token").asText("")).filter(t -> !t.isBlank());
            if (token.isEmpty()) {
                return new Grant.Denied(new Verdict.Retry(Optional.empty(),
                        "LINE WORKS token endpoint: HTTP " + status + " without an access_token"));
            }
            return new Grant.Issued(token.get(), lifetime(json.get().path("expires_in")));
        }
        String reason = "HTTP " + status + json.map(j -> j.path("error").asText(""))
                .filter(e -> ERROR_CODE.matcher(e).matches()).map(e -> " " + e).orElse("");
        if (status == 408 || status == 429 || status >= 500) {
            return new Grant.Denied(new Verdict.Retry(Verdicts.retryAfter(headers),
                    "LINE WORKS token endpoint: " + reason));
        }
        return new Grant.Denied(new Verdict.Refused("LINE WORKS refused the channel's service-account credential: "
                + reason));
    }

    private static Duration lifetime(JsonNode expiresIn) {
        try {
            long seconds = Long.parseLong(expiresIn.asText("").strip());
            return seconds > 0 ? Duration.ofSeconds(seconds) : UNSTATED_LIFETIME;
        } catch (NumberFormatException unstated) {
            return UNSTATED_LIFETIME;
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
