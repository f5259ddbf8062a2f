package io.orikaeshi.kit.outbox;

import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.kit.tracing.Tracing;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

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
        OutboxRecord record = new OutboxRecord();
        record.eventId = event.eventId();
        record.topic = topic;
        record.messageKey = event.key();
        record.eventType = event.type();
        record.payload = EventCodec.toJson(event);
        record.createdAt = Instant.now();
        record.traceParent = traceParent;
        return record.persist().replaceWithVoid();
    }

    /** Tells the relay there is probably work, so publication does not wait for the next poll. Call after commit. */
    public void committed() {
        relay.nudge();
    }
}
