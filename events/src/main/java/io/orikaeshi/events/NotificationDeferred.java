package io.orikaeshi.events;

import java.time.Instant;

/** A message (of {@code channel}, see {@link NotificationSent}) is held (quiet hours, or a transient failure before a retry) until {@code until}. */
public record NotificationDeferred(String eventId, int version, String tenantId, String callId, Instant occurredAt,
        String messageId, String kind, String recipient, String channel, Instant until, String reason)
        implements OrikaeshiEvent {

    public static final int VERSION = 2;

    /** The channel of a version 1 event, which only email had. */
    public static final String EMAIL = "email";

    public NotificationDeferred {
        channel = channel == null ? EMAIL : channel;
    }

    public static NotificationDeferred of(String tenantId, String callId, Instant occurredAt, String messageId,
            String kind, String recipient, Instant until, String reason) {
        return of(tenantId, callId, occurredAt, messageId, kind, recipient, EMAIL, until, reason);
    }

    public static NotificationDeferred of(String tenantId, String callId, Instant occurredAt, String messageId,
            String kind, String recipient, String channel, Instant until, String reason) {
        return new NotificationDeferred(EventIds.random(), VERSION, tenantId, callId, occurredAt, messageId, kind,
                recipient, channel, until, reason);
    }
}
