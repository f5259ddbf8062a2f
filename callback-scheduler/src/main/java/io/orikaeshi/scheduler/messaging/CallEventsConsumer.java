package io.orikaeshi.scheduler.messaging;

import io.orikaeshi.kit.inbox.Inbox;
import io.orikaeshi.kit.inbox.ProcessedEvents;
import io.orikaeshi.kit.inbox.Received;
import io.orikaeshi.scheduler.service.DeadlineTracker;
import io.orikaeshi.scheduler.service.FiringLoop;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Promises come from intake's call events: each batch's fresh events become deadlines and timers in one transaction. */
@ApplicationScoped
public class CallEventsConsumer {

    @Inject
    Inbox inbox;
    @Inject
    ProcessedEvents processed;
    @Inject
    DeadlineTracker tracker;
    @Inject
    FiringLoop firing;

    @Incoming("call-events")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return inbox.consume("call-events", records, batch -> processed.applyOnce(batch,
                fresh -> Received.each(fresh, received -> tracker.apply(received.event())))
                .invoke(firing::nudge));
    }
}
