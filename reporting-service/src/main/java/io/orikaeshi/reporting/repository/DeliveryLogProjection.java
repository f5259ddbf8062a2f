package io.orikaeshi.reporting.repository;

import io.orikaeshi.events.NotificationDeferred;
import io.orikaeshi.events.NotificationFailed;
import io.orikaeshi.events.NotificationSent;
import io.orikaeshi.events.OrikaeshiEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** One delivery_event row per notification event: the delivery log is the history, not only the last outcome. */
@ApplicationScoped
public class DeliveryLogProjection {

    static final Upsert INSERT = Upsert.of("delivery_event", 10, """
            insert into delivery_event (event_id, tenant_id, call_id, message_id, kind, recipient, outcome,
                occurred_at, deferred_until, reason)
            select c1, c2, c3, c4, c5, c6, c7, c8::timestamptz, c9::timestamptz, c10 from %s
            on conflict (event_id) do nothing
            """);

    /** The row this event adds, or null when it is not a notification outcome. */
    public RowChange change(OrikaeshiEvent event) {
        if (event instanceof NotificationSent e) {
            return row(e, e.messageId(), e.kind(), e.recipient(), "SENT", null, null);
        } else if (event instanceof NotificationDeferred e) {
            return row(e, e.messageId(), e.kind(), e.recipient(), "DEFERRED", e.until(), e.reason());
        } else if (event instanceof NotificationFailed e) {
            return row(e, e.messageId(), e.kind(), e.recipient(), "FAILED", null, e.reason());
        }
        return null;
    }

    private static RowChange row(OrikaeshiEvent e, String messageId, String kind, String recipient, String outcome,
            Instant until, String reason) {
        return INSERT.row(e.eventId(), e.tenantId(), e.callId(), messageId, kind, recipient, outcome, e.occurredAt(),
                until, reason);
    }
}
