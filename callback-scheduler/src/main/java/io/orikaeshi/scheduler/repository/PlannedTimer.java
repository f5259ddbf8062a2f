package io.orikaeshi.scheduler.repository;

import java.time.Instant;

/** A timer to arm: what, when, and for escalations and the pool fallback whom. */
public record PlannedTimer(TimerKind kind, int level, Instant fireAt, String target) {

    public static PlannedTimer of(TimerKind kind, Instant fireAt) {
        return new PlannedTimer(kind, 0, fireAt, null);
    }
}
