package io.orikaeshi.events;

import java.time.Instant;

/**
 * A message left for its recipient: the SMTP server or the chat service accepted it. {@code channel} is the
 * channel's type in lower case ({@code email}, {@code slack}, {@code teams}, {@code chatwork}, {@code line_works},
 * {@code webhook}); version 2 added it.
 */
public record NotificationSent(String eventId, int version, String tenantId, String callId, Instant occurredAt,
        String messageId, String kind, String recipient, String channel) implements OrikaeshiEvent {

    public static final int VERSION = 2;

    /** The channel of a version 1 event, which only email had. */
    public static final String EMAIL = "email";

    public NotificationSent {
        channel = channel == null ? EMAIL : channel;
    }

    public static NotificationSent of(String tenantId, String callId, Instant occurredAt, String messageId, String kind,
            String recipient) {
        return of(tenantId, callId, occurredAt, messageId, kind, recipient, EMAIL);
    }

    public static NotificationSent of(String tenantId, String callId, Instant occurredAt, String messageId, String kind,
            String recipient, String channel) {
        return new NotificationSent(EventIds.deterministic("NotificationSent", messageId), VERSION, tenantId, callId,
                occurredAt, messageId, kind, recipient, channel);
    }
}
