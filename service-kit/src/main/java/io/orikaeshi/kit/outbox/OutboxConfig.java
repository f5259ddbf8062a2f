package io.orikaeshi.kit.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "orikaeshi.outbox")
public interface OutboxConfig {

    /** Build-time switch: services that publish events set it to true and configure the "outbox" channel. */
    @WithDefault("false")
    boolean enabled();

    /** How often the relay looks for rows when nobody nudged it (another instance may have written them). */
    @WithDefault("200ms")
    Duration pollInterval();

    @WithDefault("500")
    int batchSize();

}
