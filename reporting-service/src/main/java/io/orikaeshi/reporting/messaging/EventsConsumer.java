package io.orikaeshi.reporting.messaging;

import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.kit.inbox.EventConsumption;
import io.orikaeshi.kit.inbox.ProcessedEvents;
import io.orikaeshi.reporting.repository.Projections;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

@ApplicationScoped
public class EventsConsumer {

    private final ProcessedEvents processed;
    private final Projections projections;
    private final ProjectionLag lag;

    public EventsConsumer(ProcessedEvents processed, Projections projections, ProjectionLag lag) {
        this.processed = processed;
        this.projections = projections;
        this.lag = lag;
    }

    @Incoming("call-events")
    public Uni<Void> callEvent(String payload) {
        return handle(payload);
    }

    @Incoming("deadline-events")
    public Uni<Void> deadlineEvent(String payload) {
        return handle(payload);
    }

    @Incoming("notification-events")
    public Uni<Void> notificationEvent(String payload) {
        return handle(payload);
    }

    private Uni<Void> handle(String payload) {
        return EventConsumption.handle(payload, event -> processed.applyOnce(event, projections::apply)
                .invoke(applied -> record(event, applied))
                .replaceWithVoid());
    }

    private void record(OrikaeshiEvent event, boolean applied) {
        if (applied) {
            lag.queryable(event);
        }
    }
}
