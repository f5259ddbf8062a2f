package io.orikaeshi.kit.outbox;

import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.OrikaeshiEvent;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * An outbox row for code that writes with the reactive SQL client instead of Hibernate (intake's group commit). Same
 * table and columns as {@link OutboxRecord}; insert it with {@link #INSERT} inside the transaction of the state change.
 */
public record OutboxRow(String eventId, String topic, String messageKey, String eventType, String payload,
                        Instant createdAt, String traceParent) {

    public static final String INSERT = "insert into outbox (event_id, topic, message_key, event_type, payload,"
            + " created_at, trace_parent) values ($1, $2, $3, $4, $5, $6, $7)";

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
