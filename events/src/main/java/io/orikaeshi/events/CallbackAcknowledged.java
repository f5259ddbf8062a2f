package io.orikaeshi.events;

import java.time.Instant;

/** Someone took responsibility for the callback; stops the escalation chain, not the deadline. */
public record CallbackAcknowledged(String eventId, int version, String tenantId, String callId, Instant occurredAt,
        String by)
        implements
            OrikaeshiEvent {

    public static final int VERSION = 1;

    public static CallbackAcknowledged of(String tenantId, String callId, Instant occurredAt, String by) {
        return new CallbackAcknowledged(EventIds.random(), VERSION, tenantId, callId, occurredAt, by);
    }
}
