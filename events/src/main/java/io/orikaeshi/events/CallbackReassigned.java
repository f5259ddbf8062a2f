package io.orikaeshi.events;

import java.time.Instant;

/** Someone else (a person, a pool or a supervisor) now owns the callback. */
public record CallbackReassigned(String eventId, int version, String tenantId, String callId, Instant occurredAt,
        String assignee, AssigneeKind assigneeKind, String by) implements OrikaeshiEvent {

    public static final int VERSION = 1;

    public static CallbackReassigned of(String tenantId, String callId, Instant occurredAt, String assignee,
            AssigneeKind assigneeKind, String by) {
        return new CallbackReassigned(EventIds.random(), VERSION, tenantId, callId, occurredAt, assignee, assigneeKind,
                by);
    }
}
