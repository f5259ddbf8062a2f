package io.orikaeshi.events;

import java.time.Instant;

/** A message (of {@code channel}, see {@link NotificationSent}) could not be delivered and will not be retried. */
public record NotificationFailed(String eventId, int version, String tenantId, String callId, Instant occurredAt,
        String messageId, String kind, String recipient, String channel, String reason) implements OrikaeshiEvent {

    public static final int VERSION = 2;

    /** The channel of a version 1 event, which only email had. */
    public static final String EMAIL = "email";

    public NotificationFailed {
        channel = channel == null ? EMAIL : channel;
    }

    public static NotificationFailed of(String tenantId, String callId, Instant occurredAt, String messageId,
            String kind, String recipient, String reason) {
        return of(tenantId, callId, occurredAt, messageId, kind, recipient, EMAIL, reason);
    }

    public static NotificationFailed of(String tenantId, String callId, Instant occurredAt, String messageId,
            String kind, String recipient, String channel, String reason) {
        return new NotificationFailed(EventIds.deterministic("NotificationFailed", messageId), VERSION, tenantId,
                callId, occurredAt, messageId, kind, recipient, channel, reason);
    }
}
