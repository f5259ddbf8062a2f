package io.orikaeshi.events;

import java.time.Instant;
import java.util.UUID;

/** An operator took a call for a tenant. Published once per accepted call, from intake's outbox. */
public record CallReceived(String eventId, int version, String tenantId, String callId, Instant occurredAt,
        CallDetails call) implements OrikaeshiEvent {

    public static final int VERSION = 1;

    public static CallReceived of(String tenantId, String callId, Instant occurredAt, CallDetails call) {
        return new CallReceived(UUID.randomUUID().toString(), VERSION, tenantId, callId, occurredAt, call);
    }
}
