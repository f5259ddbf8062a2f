package io.orikaeshi.kit.links;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Shared by the service that signs links (notification) and the one that honours them (intake). */
@ConfigMapping(prefix = "orikaeshi.links")
public interface LinksConfig {

    /** HMAC key, at least 32 characters; set ORIKAESHI_LINKS_SECRET in production. Without it no link is made. */
    Optional<String> secret();

    /** Where intake-service is reachable from the recipients' browsers. */
    @WithDefault("http://localhost:8081")
    String baseUrl();

    @WithDefault("72h")
    Duration validity();
}
