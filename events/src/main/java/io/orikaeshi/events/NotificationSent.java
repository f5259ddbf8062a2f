package io.orikaeshi.events;

import java.time.Instant;

/** An email left for its recipient (the SMTP server accepted it). */
public record NotificationSent(String eventId, int version, String tenantId, String callId, Instant occurredAt,
        String messageId, String kind, String recipient)
        implements
            OrikaeshiEvent {

    public static final int VERSION = 1;

    public static NotificationSent of(String tenantId, String callId, Instant occurredAt, String messageId, String kind,
            String recipient) {
        return new NotificationSent(EventIds.deterministic("NotificationSent", messageId), VERSION, tenantId, callId,
                occurredAt, messageId, kind, recipient);
    }
}
