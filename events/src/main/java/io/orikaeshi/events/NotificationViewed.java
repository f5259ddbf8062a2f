package io.orikaeshi.events;

import java.time.Instant;

/**
 * Someone opened a signed link of message {@code messageId}: the message was read. Written by intake-service, which
 * serves the links; one per message (the first opening), so the id is the message's.
 */
public record NotificationViewed(String eventId, int version, String tenantId, String callId, Instant occurredAt,
        String messageId) implements OrikaeshiEvent {

    public static final int VERSION = 1;

    public static NotificationViewed of(String tenantId, String callId, Instant occurredAt, String messageId) {
        return new NotificationViewed(EventIds.deterministic("NotificationViewed", messageId), VERSION, tenantId,
                callId, occurredAt, messageId);
    }
}
