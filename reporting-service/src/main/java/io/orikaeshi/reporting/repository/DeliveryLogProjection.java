package io.orikaeshi.reporting.repository;

import io.orikaeshi.events.NotificationDeferred;
import io.orikaeshi.events.NotificationFailed;
import io.orikaeshi.events.NotificationSent;
import io.orikaeshi.events.OrikaeshiEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import static io.orikaeshi.reporting.repository.NativeUpdates.execute;

/** One delivery_event row per notification event: the delivery log is the history, not only the last outcome. */
@ApplicationScoped
public class DeliveryLogProjection {

    private static final String INSERT = """
            insert into delivery_event (event_id, tenant_id, call_id, message_id, kind, recipient, outcome,
                occurred_at, deferred_until, reason)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            on conflict (event_id) do nothing
            """;

    public Uni<Void> apply(OrikaeshiEvent event) {
        if (event instanceof NotificationSent e) {
            return insert(e, e.messageId(), e.kind(), e.recipient(), "SENT", null, null);
        } else if (event instanceof NotificationDeferred e) {
            return insert(e, e.messageId(), e.kind(), e.recipient(), "DEFERRED", e.until(), e.reason());
        } else if (event instanceof NotificationFailed e) {
            return insert(e, e.messageId(), e.kind(), e.recipient(), "FAILED", null, e.reason());
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> insert(OrikaeshiEvent e, String messageId, String kind, String recipient, String outcome,
                             java.time.Instant until, String reason) {
        return execute(INSERT, e.eventId(), e.tenantId(), e.callId(), messageId, kind, recipient, outcome,
                e.occurredAt(), until, reason);
    }
}
