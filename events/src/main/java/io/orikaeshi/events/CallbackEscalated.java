package io.orikaeshi.events;

import java.time.Instant;

/**
 * The promise went up the tenant's escalation chain to {@code level}, addressed to {@code target}, because it is
 * overdue or because the caller rang again ({@code reason}; a chase may come before the due time, which then has not
 * passed). One per (call, due time, level). Version 2 added {@code reason}; a version 1 event gets it inferred.
 */
public record CallbackEscalated(String eventId, int version, String tenantId, String callId, Instant occurredAt,
        Instant dueAt, int level, String target,
        EscalationReason reason) implements OrikaeshiEvent {

    public static final int VERSION = 2;

    public CallbackEscalated {
        if (reason == null) {
            reason = EscalationReason.inferred(occurredAt, dueAt);
        }
    }

    public static CallbackEscalated of(String tenantId, String callId, Instant occurredAt, Instant dueAt, int level,
            String target) {
        return new CallbackEscalated(EventIds.deterministic("CallbackEscalated", callId, dueAt, level), VERSION,
                tenantId, callId, occurredAt, dueAt, level, target, null);
    }

    /** As the scheduler emits it: the id names the promise version (see {@link EventIds#ofPromise}). */
    public static CallbackEscalated of(String tenantId, String callId, Instant occurredAt, Instant dueAt, int level,
            String target, int promiseVersion, EscalationReason reason) {
        return new CallbackEscalated(EventIds.ofPromise("CallbackEscalated", callId, dueAt, level, promiseVersion),
                VERSION, tenantId, callId, occurredAt, dueAt, level, target, reason);
    }
}
