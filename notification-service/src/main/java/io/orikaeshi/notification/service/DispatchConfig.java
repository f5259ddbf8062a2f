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

    /**
     * How long a claimed row is kept from other rounds and instances while its batch is sent and recorded; after a
     * crash, how long until it is sent again. Must stay well above send-timeout.
     */
    @WithDefault("5m")
    Duration claimLease();

    /** A send without the server's answer by then counts as a transient failure (retried later). */
    @WithDefault("1m")
    Duration sendTimeout();

    /** Batches on the SMTP wire (or being recorded) at once: the next claim need not wait for the last batch. */
    @WithDefault("4")
    int maxBatchesInFlight();

    /** How often digest times are checked: a digest goes out at most this late. */
    @WithDefault("30s")
    Duration digestCheckInterval();
}
