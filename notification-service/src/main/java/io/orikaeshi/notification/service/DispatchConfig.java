package io.orikaeshi.notification.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "orikaeshi.mail")
public interface DispatchConfig {

    @WithDefault("250ms")
    Duration pollInterval();

    @WithDefault("50")
    int batchSize();

    /** Tries before a message is given up as failed. */
    @WithDefault("8")
    int maxAttempts();

    /** First retry delay; doubled on each further failure. */
    @WithDefault("2s")
    Duration firstRetryDelay();

    @WithDefault("1s")
    Duration retryPause();

    /** How often digest times are checked: a digest goes out at most this late. */
    @WithDefault("30s")
    Duration digestCheckInterval();
}
