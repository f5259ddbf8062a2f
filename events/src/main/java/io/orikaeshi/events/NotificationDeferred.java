package io.orikaeshi.events;

import java.time.Instant;

/** An email is held (quiet hours, or a transient failure before a retry) until {@code until}. */
public record NotificationDeferred(String eventId, int version, String tenantId, String callId, Instant occurredAt,
        String messageId, String kind, String recipient, Instant until, String reason)
        implements
            OrikaeshiEvent {

    public static final int VERSION = 1;

    public static NotificationDeferred of(String tenantId, String callId, Instant occurredAt, String messageId,
            String kind, String recipient, Instant until, String reason) {
        return new NotificationDeferred(EventIds.random(), VERSION, tenantId, callId, occurredAt, messageId, kind,
                recipient, until, reason);
    }
}
