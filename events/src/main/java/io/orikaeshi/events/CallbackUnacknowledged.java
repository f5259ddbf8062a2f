package io.orikaeshi.events;

import java.time.Instant;

/**
 * Nobody acknowledged, completed or cancelled a promised callback within the tenant's repeat delay after its
 * report: the repeat notice is due. Written by callback-scheduler, once per call.
 */
public record CallbackUnacknowledged(String eventId, int version, String tenantId, String callId, Instant occurredAt,
        Instant reportedAt, Instant dueAt) implements OrikaeshiEvent {

    public static final int VERSION = 1;

    public static CallbackUnacknowledged of(String tenantId, String callId, Instant occurredAt, Instant reportedAt,
            Instant dueAt) {
        return new CallbackUnacknowledged(EventIds.deterministic("CallbackUnacknowledged", callId), VERSION, tenantId,
                callId, occurredAt, reportedAt, dueAt);
    }
}
