package io.orikaeshi.kit.outbox;

import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.kit.sql.MultiRowInsert;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * An event waiting to be published: a row of the outbox table, written in the same transaction as the state change it
 * announces, through the Hibernate session ({@link Outbox}) or with the reactive SQL client ({@link #INSERT} and
 * {@link #tuple()}, intake's group commit); {@link OutboxRelay} publishes and deletes it.
 */
public record OutboxRow(String eventId, String topic, String messageKey, String eventType, String payload,
                        Instant createdAt, String traceParent) {

    public static final String INSERT = "insert into outbox (event_id, topic, message_key, event_type, payload,"
            + " created_at, trace_parent) values ($1, $2, $3, $4, $5, $6, $7)";

    static final MultiRowInsert<OutboxRow> MULTI_ROW_INSERT = new MultiRowInsert<>("outbox",
            List.of("event_id", "topic", "message_key", "event_type", "payload", "created_at", "trace_parent"),
            row -> new Object[]{row.eventId, row.topic, row.messageKey, row.eventType, row.payload, row.createdAt,
                    row.traceParent});

    /** @param traceParent the trace of the request that caused the event, captured on the request's own context */
    public static OutboxRow of(String topic, OrikaeshiEvent event, String traceParent) {
        return new OutboxRow(event.eventId(), topic, event.key(), event.type(), EventCodec.toJson(event),
                Instant.now(), traceParent);
    }

    public Tuple tuple() {
        return Tuple.from(new Object[]{eventId, topic, messageKey, eventType, payload,
                OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC), traceParent});
    }
}
