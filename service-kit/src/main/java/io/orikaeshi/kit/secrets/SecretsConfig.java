package io.orikaeshi.kit.secrets;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

@ConfigMapping(prefix = "orikaeshi.secrets")
public interface SecretsConfig {

    /** 32 random bytes, base64 ({@code openssl rand -base64 32}); set ORIKAESHI_SECRETS_KEY in production. */
    Optional<String> key();
}
