package io.orikaeshi.events;

import java.time.Instant;
import java.util.UUID;

/** The promised callback was made. Stops every clock running for the call. */
public record CallbackCompleted(String eventId, int version, String tenantId, String callId, Instant occurredAt,
        String completedBy) implements OrikaeshiEvent {

    public static final int VERSION = 1;

    public static CallbackCompleted of(String tenantId, String callId, Instant occurredAt, String completedBy) {
        return new CallbackCompleted(UUID.randomUUID().toString(), VERSION, tenantId, callId, occurredAt, completedBy);
    }
}
