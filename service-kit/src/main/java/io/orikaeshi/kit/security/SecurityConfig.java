package io.orikaeshi.kit.security;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

@ConfigMapping(prefix = "orikaeshi.security")
public interface SecurityConfig {

    /**
     * Hex SHA-256 of the platform operator's key, which creates tenants and issues their first keys. Without it no
     * key can create tenants (production sets ORIKAESHI_SECURITY_PLATFORM_KEY_SHA256).
     */
    Optional<String> platformKeySha256();
}
