package io.orikaeshi.events;

import java.time.Instant;

/** The overdue callback went up the tenant's escalation chain to {@code level}, addressed to {@code target}. One per (call, due time, level). */
public record CallbackEscalated(String eventId, int version, String tenantId, String callId, Instant occurredAt, Instant dueAt, int level, String target)
        implements OrikaeshiEvent {

    public static final int VERSION = 1;

    public static CallbackEscalated of(String tenantId, String callId, Instant occurredAt, Instant dueAt, int level, String target) {
        return new CallbackEscalated(EventIds.deterministic("CallbackEscalated", callId, dueAt, level), VERSION, tenantId, callId, occurredAt, dueAt, level, target);
    }

    /** As the scheduler emits it: the id names the promise version (see {@link EventIds#ofPromise}). */
    public static CallbackEscalated of(String tenantId, String callId, Instant occurredAt, Instant dueAt, int level,
                                       String target, int promiseVersion) {
        return new CallbackEscalated(EventIds.ofPromise("CallbackEscalated", callId, dueAt, level, promiseVersion),
                VERSION, tenantId, callId, occurredAt, dueAt, level, target);
    }
}
