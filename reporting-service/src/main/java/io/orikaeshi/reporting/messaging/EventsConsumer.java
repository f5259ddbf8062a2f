package io.orikaeshi.reporting.messaging;

import io.orikaeshi.kit.inbox.EventConsumption;
import io.orikaeshi.kit.inbox.ProcessedEvents;
import io.orikaeshi.reporting.repository.CallLogProjection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

@ApplicationScoped
public class EventsConsumer {

    private final ProcessedEvents processed;
    private final CallLogProjection projection;

    public EventsConsumer(ProcessedEvents processed, CallLogProjection projection) {
        this.processed = processed;
        this.projection = projection;
    }

    @Incoming("call-events")
    public Uni<Void> callEvent(String payload) {
        return handle(payload);
    }

    @Incoming("deadline-events")
    public Uni<Void> deadlineEvent(String payload) {
        return handle(payload);
    }

    private Uni<Void> handle(String payload) {
        return EventConsumption.handle(payload, event -> processed.applyOnce(event, projection::apply).replaceWithVoid());
    }
}
