package io.orikaeshi.events;

import java.time.Instant;

/**
 * Someone took responsibility for the callback ("filed"); stops the escalation chain and the repeat notice, not the
 * deadline. {@code messageId} names the message whose link was used, when one was (version 2 added it).
 */
public record CallbackAcknowledged(String eventId, int version, String tenantId, String callId, Instant occurredAt,
        String by, String messageId) implements OrikaeshiEvent {

    public static final int VERSION = 2;

    public static CallbackAcknowledged of(String tenantId, String callId, Instant occurredAt, String by) {
        return of(tenantId, callId, occurredAt, by, null);
    }

    public static CallbackAcknowledged of(String tenantId, String callId, Instant occurredAt, String by,
            String messageId) {
        return new CallbackAcknowledged(EventIds.random(), VERSION, tenantId, callId, occurredAt, by, messageId);
    }
}
