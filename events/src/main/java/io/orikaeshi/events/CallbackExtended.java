package io.orikaeshi.events;

import java.time.Instant;

/** The caller agreed to a new time: {@code newDueAt} replaces the old due time and re-arms every clock. */
public record CallbackExtended(String eventId, int version, String tenantId, String callId, Instant occurredAt,
        Instant previousDueAt, Instant newDueAt, String by) implements OrikaeshiEvent {

    public static final int VERSION = 1;

    public static CallbackExtended of(String tenantId, String callId, Instant occurredAt, Instant previousDueAt,
            Instant newDueAt, String by) {
        return new CallbackExtended(EventIds.random(), VERSION, tenantId, callId, occurredAt, previousDueAt, newDueAt,
                by);
    }
}
