package io.orikaeshi.scheduler.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "orikaeshi.scheduler")
public interface SchedulerConfig {

    /**
     * Longest sleep between two looks at the table. The worker normally wakes exactly at the next due time or when a
     * new timer is stored; this bounds the delay for timers another instance stored.
     */
    @WithDefault("250ms")
    Duration pollInterval();

    /** Timers claimed and fired per transaction. */
    @WithDefault("500")
    int batchSize();

    /**
     * Timers due further ahead than this are stored dormant (indexed by a ten-minute bucket only) and armed by the
     * firing rounds once their bucket comes within it; nearer ones are armed when stored. Longer keeps the fine
     * due-time index larger (about horizon x due rate entries); shorter arms more often, never later: a dormant
     * timer that is due is armed and fired in the same round.
     */
    @WithDefault("1h")
    Duration armingHorizon();

    /**
     * Dormant timers armed per firing round at most: bounds the round's transaction when a whole bucket enters the
     * horizon at once. Earliest buckets first, so due timers are never behind those merely entering the horizon.
     */
    @WithDefault("2000")
    int armingBatch();

    /**
     * The warning comes at most this share of the promise window before the due time: a tenant's 13-minute lead
     * makes no sense for a 10-minute promise, which is then warned 5 minutes before (share 0.5). A tenant's
     * {@code promises.max-warning-share} overrides it.
     */
    @WithDefault("0.5")
    double maxWarningShare();

    /** A timer fired later than this after its time is marked late (the service was down or overloaded). */
    @WithDefault("2s")
    Duration lateAfter();

    /** How often the pending-timers gauge is refreshed (a count over the pending index). */
    @WithDefault("15s")
    Duration pendingGaugeInterval();

    /**
     * A timer already due when its promise is first heard of (the scheduler catching up after a restart or an
     * outage) fires this much later, not at once: the events behind its call in the backlog — a completion recorded
     * in time — get the chance to cancel it first.
     */
    @WithDefault("3s")
    Duration catchUpSettle();
}
