package io.orikaeshi.kit.secrets;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Seals the secrets tenants give us (chat tokens, webhook URLs and signing secrets) with AES-256-GCM, so they are
 * stored and travel on the tenant feed only as {@code sealed:v1:<base64 nonce+ciphertext>}. The service that takes
 * them (intake) seals; the one that sends (notification) opens. Without {@code orikaeshi.secrets.key} neither is
 * possible, and a tenant cannot configure a channel that needs a secret.
 */
@ApplicationScoped
@Unremovable
public class SecretBox {

    private static final String PREFIX = "sealed:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Optional<SecretKeySpec> key;

    public SecretBox(SecretsConfig config) {
        this.key = config.key().map(SecretBox::keyOf);
    }

    public boolean enabled() {
        return key.isPresent();
    }

    public static boolean sealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    public String seal(String plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, requireKey(), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a secret", e);
        }
    }

    /** @throws IllegalArgumentException when the value was not sealed with this key (or was altered) */
    public String open(String sealed) {
        if (!sealed(sealed)) {
            throw new IllegalArgumentException("not a sealed secret");
        }
        try {
            byte[] data = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, requireKey(), new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
            return new String(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException | ProviderException e) {
            // A truncated value makes the cipher throw ProviderException rather than a checked failure.
            throw new IllegalArgumentException("the secret cannot be opened with this key", e);
        }
    }

    private SecretKeySpec requireKey() {
        return key.orElseThrow(() -> new IllegalStateException("orikaeshi.secrets.key is not set"));
    }

    private static SecretKeySpec keyOf(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64.strip());
        if (bytes.length != 32) {
            throw new IllegalArgumentException("orikaeshi.secrets.key must be 32 bytes, base64-encoded");
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
