package io.orikaeshi.scheduler.messaging;

import io.orikaeshi.kit.inbox.EventConsumption;
import io.orikaeshi.kit.inbox.ProcessedEvents;
import io.orikaeshi.scheduler.service.FiringLoop;
import io.orikaeshi.scheduler.service.DeadlineTracker;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

@ApplicationScoped
public class CallEventsConsumer {

    private final ProcessedEvents processed;
    private final DeadlineTracker tracker;
    private final FiringLoop firing;

    public CallEventsConsumer(ProcessedEvents processed, DeadlineTracker tracker, FiringLoop firing) {
        this.processed = processed;
        this.tracker = tracker;
        this.firing = firing;
    }

    @Incoming("call-events")
    public Uni<Void> consume(String payload) {
        return EventConsumption.handle(payload, event -> processed.applyOnce(event, tracker::apply)
                .invoke(firing::nudge)
                .replaceWithVoid());
    }
}
