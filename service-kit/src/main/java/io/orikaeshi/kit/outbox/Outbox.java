package io.orikaeshi.kit.outbox;

import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.events.tenant.TenantChanged;
import io.orikaeshi.kit.tracing.Tracing;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/**
 * Appends events to the outbox table. Call inside the transaction that changes the state the event announces:
 * either both commit or neither does, so an acknowledged request can never lose its event.
 */
@ApplicationScoped
@IfBuildProperty(name = "orikaeshi.outbox.enabled", stringValue = "true")
public class Outbox {

    private final OutboxRelay relay;

    public Outbox(OutboxRelay relay) {
        this.relay = relay;
    }

    public Uni<Void> append(String topic, OrikaeshiEvent event) {
        return append(topic, event, Tracing.currentTraceparent());
    }

    /** For work that continues a trace recorded earlier (a timer firing for a promise made by a traced call). */
    public Uni<Void> append(String topic, OrikaeshiEvent event, String traceParent) {
        return appendAll(List.of(OutboxRow.of(topic, event, traceParent)));
    }

    /** A tenant snapshot, keyed by the tenant id (the topic is compacted on it). */
    public Uni<Void> append(String topic, TenantChanged event) {
        return appendAll(List.of(new OutboxRow(event.eventId(), topic, event.tenantId(),
                TenantChanged.class.getSimpleName(), EventCodec.toJson(event), Instant.now(),
                Tracing.currentTraceparent())));
    }

    /** Many events in one statement (a batch's outcomes), in the caller's transaction like {@link #append}. */
    public Uni<Void> appendAll(List<OutboxRow> rows) {
        return rows.isEmpty() ? Uni.createFrom().voidItem()
                : Panache.getSession().flatMap(session -> OutboxRow.MULTI_ROW_INSERT.execute(session, rows));
    }

    /** Tells the relay there is probably work, so publication does not wait for the next poll. Call after commit. */
    public void committed() {
        relay.nudge();
    }
}
