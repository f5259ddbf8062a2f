package io.orikaeshi.scheduler.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "orikaeshi.scheduler")
public interface SchedulerConfig {

    /**
     * Longest sleep between two looks at the table. The worker normally wakes exactly at the next due time or when a
     * new deadline is stored; this bounds the delay for deadlines another instance stored.
     */
    @WithDefault("250ms")
    Duration pollInterval();

    @WithDefault("500")
    int batchSize();

    @WithDefault("1s")
    Duration retryPause();
}
