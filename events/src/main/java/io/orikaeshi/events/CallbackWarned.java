package io.orikaeshi.events;

import java.time.Instant;

/** The due time is near: time to call back, or to call the caller and agree a new time. One per (call, due time). */
public record CallbackWarned(String eventId, int version, String tenantId, String callId, Instant occurredAt,
        Instant dueAt, String assignee) implements OrikaeshiEvent {

    public static final int VERSION = 1;

    public static CallbackWarned of(String tenantId, String callId, Instant occurredAt, Instant dueAt,
            String assignee) {
        return new CallbackWarned(EventIds.deterministic("CallbackWarned", callId, dueAt), VERSION, tenantId, callId,
                occurredAt, dueAt, assignee);
    }

    /** As the scheduler emits it: the id names the promise version (see {@link EventIds#ofPromise}). */
    public static CallbackWarned of(String tenantId, String callId, Instant occurredAt, Instant dueAt, String assignee,
            int level, int promiseVersion) {
        return new CallbackWarned(EventIds.ofPromise("CallbackWarned", callId, dueAt, level, promiseVersion), VERSION,
                tenantId, callId, occurredAt, dueAt, assignee);
    }
}
