package io.orikaeshi.kit.links;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Tokens for the links in messages: {@code payload.signature}, both base64url, the payload being
 * {@code tenant|call|action|expiry-epoch-seconds[|message-id]} and the signature its HMAC-SHA256. No login is needed, so the
 * token must be unforgeable (HMAC), short-lived (expiry) and good for one action on one callback (in the payload).
 */
@ApplicationScoped
@Unremovable // keeps orikaeshi.links mapped in services that never sign or verify: they share the config file
public class SignedLinks {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MINIMUM_SECRET_LENGTH = 32;

    private final Optional<byte[]> secret;
    private final LinksConfig config;

    public SignedLinks(LinksConfig config) {
        this.config = config;
        this.secret = config.secret().map(s -> {
            if (s.length() < MINIMUM_SECRET_LENGTH) {
                throw new IllegalArgumentException("orikaeshi.links.secret must have at least "
                        + MINIMUM_SECRET_LENGTH + " characters");
            }
            return s.getBytes(StandardCharsets.UTF_8);
        });
    }

    public boolean enabled() {
        return secret.isPresent();
    }

    /** The full URL of the link, or empty when no secret is configured. */
    public Optional<String> url(String tenantId, String callId, LinkAction action, Instant now) {
        return url(tenantId, callId, action, now, null);
    }

    /** The same, naming the message it is sent in ({@code messageId} may be null). */
    public Optional<String> url(String tenantId, String callId, LinkAction action, Instant now, String messageId) {
        return secret.map(key -> config.baseUrl() + "/links/" + sign(new LinkClaim(tenantId, callId, action,
                now.plus(config.validity()), Optional.ofNullable(messageId)), key));
    }

    public String sign(LinkClaim claim) {
        return sign(claim, secret.orElseThrow(() -> new IllegalStateException("no orikaeshi.links.secret")));
    }

    /** @throws InvalidLinkException when the token is malformed, tampered with, or expired */
    public LinkClaim verify(String token, Instant now) {
        byte[] key = secret.orElseThrow(() -> new InvalidLinkException("links are not enabled"));
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0 || dot == token.length() - 1) {
            throw new InvalidLinkException("malformed");
        }
        String payload = token.substring(0, dot);
        byte[] signature;
        String[] parts;
        try {
            signature = DECODER.decode(token.substring(dot + 1));
            parts = new String(DECODER.decode(payload), StandardCharsets.UTF_8).split("\\|", -1);
        } catch (IllegalArgumentException e) {
            throw new InvalidLinkException("malformed");
        }
        if (!MessageDigest.isEqual(signature, hmac(key, payload))) {
            throw new InvalidLinkException("signature does not match");
        }
        LinkClaim claim;
        try {
            claim = new LinkClaim(parts[0], parts[1], LinkAction.valueOf(parts[2]),
                    Instant.ofEpochSecond(Long.parseLong(parts[3])),
                    parts.length > 4 ? Optional.of(parts[4]) : Optional.empty());
        } catch (RuntimeException e) {
            throw new InvalidLinkException("malformed");
        }
        if (!now.isBefore(claim.expiresAt())) {
            throw new InvalidLinkException("expired");
        }
        return claim;
    }

    private static String sign(LinkClaim claim, byte[] key) {
        String payload = ENCODER.encodeToString((claim.tenantId() + '|' + claim.callId() + '|' + claim.action() + '|'
                + claim.expiresAt().getEpochSecond() + claim.messageId().map(m -> "|" + m).orElse(""))
                .getBytes(StandardCharsets.UTF_8));
        return payload + '.' + ENCODER.encodeToString(hmac(key, payload));
    }

    private static byte[] hmac(byte[] key, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static final class InvalidLinkException extends RuntimeException {
        public InvalidLinkException(String reason) {
            super(reason);
        }
    }
}
