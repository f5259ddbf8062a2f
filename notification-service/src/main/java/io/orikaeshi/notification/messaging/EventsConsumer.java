package io.orikaeshi.notification.messaging;

import io.orikaeshi.kit.inbox.Inbox;
import io.orikaeshi.kit.inbox.ProcessedEvents;
import io.orikaeshi.kit.inbox.Received;
import io.orikaeshi.kit.outbox.Outbox;
import io.orikaeshi.notification.repository.PendingRows;
import io.orikaeshi.notification.service.MessageComposer;
import io.orikaeshi.notification.service.MessageDispatcher;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * Reports come from intake's call events, alerts from the scheduler's deadline events. A batch becomes queued mail
 * in one transaction: the ledger claims its event ids, each fresh event is rendered, and its snapshot, mail and
 * outbox rows go in with one statement per table ({@link PendingRows}). One commit per batch rather than per event
 * is the point: a transaction per event would be the main cost of consuming.
 */
@ApplicationScoped
public class EventsConsumer {

    @Inject
    Inbox inbox;
    @Inject
    ProcessedEvents processed;
    @Inject
    MessageComposer composer;
    @Inject
    MessageDispatcher dispatcher;
    @Inject
    Outbox outbox;

    @Incoming("call-events")
    public Uni<Void> callEvents(ConsumerRecords<String, String> records) {
        return inbox.consume("call-events", records, this::queueMail);
    }

    @Incoming("deadline-events")
    public Uni<Void> deadlineEvents(ConsumerRecords<String, String> records) {
        return inbox.consume("deadline-events", records, this::queueMail);
    }

    private Uni<Void> queueMail(List<Received> batch) {
        // The outbox's transaction, joined by the ledger's: the relay is woken once the batch's outcome events commit.
        return outbox.transaction(() -> processed.applyOnce(batch, fresh -> {
            PendingRows rows = new PendingRows(outbox);
            return Received.each(fresh, received -> composer.apply(received.event(), rows)).chain(rows::flush);
        })).invoke(dispatcher::nudge);
    }
}
