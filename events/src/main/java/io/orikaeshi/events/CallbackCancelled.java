package io.orikaeshi.events;

import java.time.Instant;

/** The caller no longer needs the callback. Stops every clock. */
public record CallbackCancelled(String eventId, int version, String tenantId, String callId, Instant occurredAt,
        String reason, String by) implements OrikaeshiEvent {

    public static final int VERSION = 1;

    public static CallbackCancelled of(String tenantId, String callId, Instant occurredAt, String reason, String by) {
        return new CallbackCancelled(EventIds.random(), VERSION, tenantId, callId, occurredAt, reason, by);
    }
}
