package io.orikaeshi.events;

import java.time.Instant;

/** An email could not be delivered and will not be retried. */
public record NotificationFailed(String eventId, int version, String tenantId, String callId, Instant occurredAt,
        String messageId, String kind, String recipient, String reason)
        implements
            OrikaeshiEvent {

    public static final int VERSION = 1;

    public static NotificationFailed of(String tenantId, String callId, Instant occurredAt, String messageId,
            String kind, String recipient, String reason) {
        return new NotificationFailed(EventIds.deterministic("NotificationFailed", messageId), VERSION, tenantId,
                callId, occurredAt, messageId, kind, recipient, reason);
    }
}
