package io.orikaeshi.reporting.repository;

import io.orikaeshi.events.CallbackAcknowledged;
import io.orikaeshi.events.NotificationDeferred;
import io.orikaeshi.events.NotificationFailed;
import io.orikaeshi.events.NotificationSent;
import io.orikaeshi.events.NotificationViewed;
import io.orikaeshi.events.OrikaeshiEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/**
 * The delivery log: one delivery_event row per notification event (the history, not only the last outcome), and one
 * message_log row per message merging its outcome, its first reading and its first acknowledgement through it.
 */
@ApplicationScoped
public class DeliveryLogProjection {

    static final Upsert INSERT = Upsert.of("delivery_event", 11, """
            insert into delivery_event (event_id, tenant_id, call_id, message_id, kind, recipient, outcome,
                occurred_at, deferred_until, reason, channel)
            select c1, c2, c3, c4, c5, c6, c7, c8::timestamptz, c9::timestamptz, c10, c11 from %s
            on conflict (event_id) do nothing
            """);

    private static final String MESSAGE = "message_log";

    /**
     * A delivery outcome of the message. Sent and failed are final and a deferral only comes before them, so a
     * deferral never replaces either, whichever is projected first; the earliest sending is the one the reader got.
     * A row made by a reading or an acknowledgement before any outcome is completed here. Another tenant's event
     * under the same message id changes nothing.
     */
    static final Upsert OUTCOME = Upsert.of(MESSAGE, 11, """
            insert into message_log (message_id, tenant_id, call_id, kind, channel, recipient, status, status_at,
                sent_at, deferred_until, reason)
            select c1, c2, c3, c4, c5, c6, c7, c8::timestamptz, c9::timestamptz, c10::timestamptz, c11 from %s
            on conflict (message_id) do update set kind = excluded.kind, channel = excluded.channel,
                recipient = excluded.recipient,
                status = case when {kept} then message_log.status else excluded.status end,
                status_at = case when {kept} then message_log.status_at else excluded.status_at end,
                deferred_until = case when {kept} then message_log.deferred_until else excluded.deferred_until end,
                reason = case when {kept} then message_log.reason else excluded.reason end,
                sent_at = least(message_log.sent_at, excluded.sent_at)
            where message_log.tenant_id = excluded.tenant_id
            """.replace("{kept}", "excluded.status = 'DEFERRED' and message_log.status in ('SENT', 'FAILED')"));
    static final Upsert VIEWED = Upsert.of(MESSAGE, 4, """
            insert into message_log (message_id, tenant_id, call_id, viewed_at)
            select c1, c2, c3, c4::timestamptz from %s
            on conflict (message_id) do update set viewed_at = least(message_log.viewed_at, excluded.viewed_at)
            where message_log.tenant_id = excluded.tenant_id
            """);
    static final Upsert ACKNOWLEDGED = Upsert.of(MESSAGE, 5, """
            insert into message_log (message_id, tenant_id, call_id, acknowledged_at, acknowledged_by)
            select c1, c2, c3, c4::timestamptz, c5 from %s
            on conflict (message_id) do update set
                acknowledged_by = case when message_log.acknowledged_at is null
                        or excluded.acknowledged_at < message_log.acknowledged_at
                    then excluded.acknowledged_by else message_log.acknowledged_by end,
                acknowledged_at = least(message_log.acknowledged_at, excluded.acknowledged_at)
            where message_log.tenant_id = excluded.tenant_id
            """);

    /** The rows this event changes; none when it is not about a message. */
    public List<RowChange> changes(OrikaeshiEvent event) {
        if (event instanceof NotificationSent e) {
            return outcome(e, e.messageId(), e.kind(), e.recipient(), e.channel(), "SENT", null, null);
        } else if (event instanceof NotificationDeferred e) {
            return outcome(e, e.messageId(), e.kind(), e.recipient(), e.channel(), "DEFERRED", e.until(), e.reason());
        } else if (event instanceof NotificationFailed e) {
            return outcome(e, e.messageId(), e.kind(), e.recipient(), e.channel(), "FAILED", null, e.reason());
        } else if (event instanceof NotificationViewed e) {
            return List.of(VIEWED.row(e.messageId(), e.tenantId(), e.callId(), e.occurredAt()));
        } else if (event instanceof CallbackAcknowledged e && e.messageId() != null) {
            return List.of(ACKNOWLEDGED.row(e.messageId(), e.tenantId(), e.callId(), e.occurredAt(), e.by()));
        }
        return List.of();
    }

    private static List<RowChange> outcome(OrikaeshiEvent e, String messageId, String kind, String recipient,
            String channel, String outcome, Instant until, String reason) {
        return List.of(
                INSERT.row(e.eventId(), e.tenantId(), e.callId(), messageId, kind, recipient, outcome,
                        e.occurredAt(), until, reason, channel),
                OUTCOME.row(messageId, e.tenantId(), e.callId(), kind, channel, recipient, outcome, e.occurredAt(),
                        "SENT".equals(outcome) ? e.occurredAt() : null, until, reason));
    }
}
