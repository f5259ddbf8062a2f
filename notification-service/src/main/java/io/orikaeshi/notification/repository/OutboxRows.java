package io.orikaeshi.notification.repository;

import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.OrikaeshiEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/**
 * Appends many events to this service's outbox table with one statement, in the caller's transaction: the same rows
 * the kit's {@code Outbox.append} writes (and its relay publishes), without a round trip per event. The dispatcher
 * records the outcomes of a whole batch of mails at once; one insert per outcome was most of its database time.
 */
@ApplicationScoped
public class OutboxRows {

    /** An event and the trace it continues (the mail's), as {@code Outbox.append(topic, event, traceParent)} takes. */
    public record Pending(String topic, OrikaeshiEvent event, String traceParent) {
    }

    private static final int COLUMNS = 7;

    public Uni<Void> append(List<Pending> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String sql = "insert into outbox (event_id, topic, message_key, event_type, payload, created_at, trace_parent)"
                + " values " + PendingRows.placeholders(events.size(), COLUMNS);
        Instant now = Instant.now();
        return Panache.getSession().flatMap(session -> {
            var insert = session.createNativeQuery(sql);
            for (int i = 0; i < events.size(); i++) {
                Pending pending = events.get(i);
                int base = i * COLUMNS;
                insert.setParameter(base + 1, pending.event().eventId());
                insert.setParameter(base + 2, pending.topic());
                insert.setParameter(base + 3, pending.event().key());
                insert.setParameter(base + 4, pending.event().type());
                insert.setParameter(base + 5, EventCodec.toJson(pending.event()));
                insert.setParameter(base + 6, now);
                insert.setParameter(base + 7, pending.traceParent());
            }
            return insert.executeUpdate();
        }).replaceWithVoid();
    }
}
