package io.orikaeshi.notification.messaging;

import io.orikaeshi.kit.inbox.EventConsumption;
import io.orikaeshi.kit.inbox.ProcessedEvents;
import io.orikaeshi.notification.service.MailComposer;
import io.orikaeshi.notification.service.MailDispatcher;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Reports come from intake's call events, alerts from the scheduler's deadline events. */
@ApplicationScoped
public class EventsConsumer {

    private final ProcessedEvents processed;
    private final MailComposer composer;
    private final MailDispatcher dispatcher;

    public EventsConsumer(ProcessedEvents processed, MailComposer composer, MailDispatcher dispatcher) {
        this.processed = processed;
        this.composer = composer;
        this.dispatcher = dispatcher;
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
        return EventConsumption.handle(payload, event -> processed.applyOnce(event, composer::apply)
                .invoke(dispatcher::nudge)
                .replaceWithVoid());
    }
}
