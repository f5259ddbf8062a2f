package io.orikaeshi.events;

import java.time.Instant;

/** The caller rang again while the promise was open. Keyed by the chased promise's call id, so it is ordered with that promise's events. */
public record CallbackChased(String eventId, int version, String tenantId, String callId, Instant occurredAt,
        String chaseCallId, int chaseCount) implements OrikaeshiEvent {

    public static final int VERSION = 1;

    public static CallbackChased of(String tenantId, String callId, Instant occurredAt, String chaseCallId,
            int chaseCount) {
        return new CallbackChased(EventIds.random(), VERSION, tenantId, callId, occurredAt, chaseCallId, chaseCount);
    }
}
