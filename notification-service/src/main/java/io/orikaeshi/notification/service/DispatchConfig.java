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

    /**
     * How long a message that the server has not refused for good (connection refused, timeouts, 4xx) keeps being
     * retried before it is given up as failed: an SMTP outage delays mail, it does not lose it. Postfix's
     * maximal_queue_lifetime is 5 days; a callback report older than that has lost its point.
     */
    @WithDefault("5d")
    Duration giveUpAfter();

    /** First retry delay; doubled on each further failure up to {@link #maxRetryDelay()}. */
    @WithDefault("2s")
    Duration firstRetryDelay();

    /** The longest pause between two tries: how late mail leaves after the server is back. */
    @WithDefault("1m")
    Duration maxRetryDelay();

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
