package io.orikaeshi.kit.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * API keys look like {@code ok_<id>.<secret>}: the id finds the key, the secret proves it. Only the SHA-256 of the
 * whole key is stored; a plain hash (not a slow password hash) suffices because the secret is 256 random bits.
 */
public final class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private ApiKeys() {
    }

    public record NewKey(String id, String key, String sha256) {
    }

    public static NewKey generate() {
        byte[] idBytes = new byte[9];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(idBytes);
        RANDOM.nextBytes(secret);
        String id = "ok_" + ENCODER.encodeToString(idBytes);
        String key = id + "." + ENCODER.encodeToString(secret);
        return new NewKey(id, key, sha256(key));
    }

    /** The id part of a presented key, or empty when the text is not shaped like a key. */
    public static Optional<String> idOf(String key) {
        if (key == null || key.length() > 200) {
            return Optional.empty();
        }
        int dot = key.indexOf('.');
        return dot <= 0 || dot == key.length() - 1 ? Optional.empty() : Optional.of(key.substring(0, dot));
    }

    public static String sha256(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * Compares a presented key's hash ({@link #sha256}) with a stored one in constant time, so response timing reveals
     * nothing about the stored hash. Takes the hash, not the key, so a request hashes its key once.
     */
    public static boolean sameHash(String presentedSha256, String expectedSha256) {
        return expectedSha256 != null && MessageDigest.isEqual(
                presentedSha256.getBytes(StandardCharsets.US_ASCII),
                expectedSha256.getBytes(StandardCharsets.US_ASCII));
    }
}
