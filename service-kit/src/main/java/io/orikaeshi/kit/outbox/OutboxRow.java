package io.orikaeshi.kit.outbox;

import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.events.tenant.TenantChanged;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event waiting to be published: a row of the outbox table, written by {@link Outbox} in the same transaction as
 * the state change it announces; {@link OutboxRelay} publishes and deletes it.
 */
public record OutboxRow(String eventId, String topic, String messageKey, String eventType, String payload,
        Instant createdAt, String traceParent) {

    /** @param traceParent the trace of the request that caused the event, captured on the request's own context */
    public static OutboxRow of(String topic, OrikaeshiEvent event, String traceParent) {
        return new OutboxRow(event.eventId(), topic, event.key(), event.type(), EventCodec.toJson(event),
                Instant.now(), traceParent);
    }

    /** A tenant's snapshot, keyed by the tenant id (the topic is compacted on it). */
    public static OutboxRow tenantSnapshot(String topic, TenantChanged snapshot, String traceParent) {
        return new OutboxRow(snapshot.eventId(), topic, snapshot.tenantId(), TenantChanged.class.getSimpleName(),
                EventCodec.toJson(snapshot), Instant.now(), traceParent);
    }

    /** The row as an element of {@link Outbox#APPEND}'s JSON parameter, keyed by column. */
    Map<String, Object> columns() {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("event_id", eventId);
        columns.put("topic", topic);
        columns.put("message_key", messageKey);
        columns.put("event_type", eventType);
        columns.put("payload", payload);
        columns.put("created_at", createdAt.toString());
        columns.put("trace_parent", traceParent);
        return columns;
    }
}
