package io.orikaeshi.infra.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Service-account credentials as a LINE WORKS Developer Console issues them, made up for tests: an RSA key pair of
 * the test's own and the JSON form a LINE WORKS channel's secret takes.
 */
public final class ServiceAccountKeys {

    private ServiceAccountKeys() {
    }

    public static KeyPair rsa() {
        return generate("RSA", 2048);
    }

    /** A key of another algorithm, which a service account never has. */
    public static KeyPair ec() {
        return generate("EC", 256);
    }

    /** PEM PKCS#8, {@code -----BEGIN PRIVATE KEY-----} with 64-character lines, as the console's key file. */
    public static String pem(PrivateKey key) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }

    /** {@code {"clientId", "clientSecret", "serviceAccount", "privateKey", "scope"}}; a null leaves the field out. */
    public static String credential(String clientId, String clientSecret, String serviceAccount, String privateKeyPem,
            String scope) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("clientId", clientId);
        fields.put("clientSecret", clientSecret);
        fields.put("serviceAccount", serviceAccount);
        fields.put("privateKey", privateKeyPem);
        fields.put("scope", scope);
        fields.values().removeIf(v -> v == null);
        try {
            return new ObjectMapper().writeValueAsString(fields);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static KeyPair generate(String algorithm, int size) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(size);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
