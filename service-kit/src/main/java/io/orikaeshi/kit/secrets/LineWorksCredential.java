package io.orikaeshi.kit.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * A LINE WORKS API 2.0 service account (https://developers.worksmobile.com/jp/docs/auth-jwt), the other form a
 * LINE WORKS channel's secret may take besides a Bot API access token: with it, notification-service obtains access
 * tokens itself, so the channel outlives any one token. Intake checks it when a channel is stored; notification reads
 * it when it needs a token. Written as JSON:
 * {@code {"clientId", "clientSecret", "serviceAccount", "privateKey" (PEM PKCS#8), "scope" (default "bot")}}.
 *
 * <p>Every message of a parse failure names what is wrong, never a value: the input is a secret.
 */
public record LineWorksCredential(String clientId, String clientSecret, String serviceAccount,
        RSAPrivateKey privateKey, String scope) {

    public static final String DEFAULT_SCOPE = "bot";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> REQUIRED = List.of("clientId", "clientSecret", "serviceAccount", "privateKey");

    /** A JSON object, so a credential rather than an access token (which is never JSON). */
    public static boolean isCredential(String secret) {
        return secret != null && secret.strip().startsWith("{");
    }

    /** @throws IllegalArgumentException naming the missing or unusable field, never a value */
    public static LineWorksCredential parse(String json) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JsonProcessingException malformed) {
            // The parser's message quotes the input: not carried on, not even as the cause.
            throw new IllegalArgumentException("the service-account credential is not valid JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("the service-account credential must be a JSON object");
        }
        for (String field : REQUIRED) {
            if (!tree.path(field).isTextual() || tree.path(field).asText().isBlank()) {
                throw new IllegalArgumentException("the service-account credential needs " + field);
            }
        }
        JsonNode scope = tree.path("scope");
        if (!scope.isMissingNode() && !scope.isNull() && (!scope.isTextual() || scope.asText().isBlank())) {
            throw new IllegalArgumentException("the service-account credential's scope must be text, e.g. \"bot\"");
        }
        return new LineWorksCredential(tree.get("clientId").asText().strip(), tree.get("clientSecret").asText().strip(),
                tree.get("serviceAccount").asText().strip(), privateKey(tree.get("privateKey").asText()),
                scope.isTextual() ? scope.asText().strip() : DEFAULT_SCOPE);
    }

    /** The PEM the Developer Console issues: {@code -----BEGIN PRIVATE KEY-----}, PKCS#8, RSA. */
    private static RSAPrivateKey privateKey(String pem) {
        String body = pem.strip();
        if (!body.startsWith("-----BEGIN PRIVATE KEY-----") || !body.endsWith("-----END PRIVATE KEY-----")) {
            throw unusableKey();
        }
        body = body.substring("-----BEGIN PRIVATE KEY-----".length(),
                body.length() - "-----END PRIVATE KEY-----".length());
        try {
            byte[] der = Base64.getMimeDecoder().decode(body.replaceAll("\\s+", ""));
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException notRsa) {
            throw unusableKey();
        }
    }

    private static IllegalArgumentException unusableKey() {
        return new IllegalArgumentException("the service-account credential's privateKey must be an RSA private key"
                + " in PEM PKCS#8 (-----BEGIN PRIVATE KEY-----), as the Developer Console issues it");
    }

    /** Only what identifies the account: a credential printed by mistake shows no secret. */
    @Override
    public String toString() {
        return "LineWorksCredential[clientId=" + clientId + ", scope=" + scope + "]";
    }
}
