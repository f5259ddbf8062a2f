package io.orikaeshi.notification.messaging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.kit.inbox.ProcessedEvents;
import io.orikaeshi.kit.outbox.Outbox;
import io.orikaeshi.kit.tracing.Tracing;
import io.orikaeshi.notification.repository.PendingRows;
import io.orikaeshi.notification.repository.ProcessedBatch;
import io.orikaeshi.notification.service.MailComposer;
import io.orikaeshi.notification.service.MailDispatcher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Turns a batch of records into queued mail in one transaction: one ledger statement claims the batch's event ids,
 * each fresh event is rendered, its snapshot and mail rows are inserted with one statement per table
 * ({@link PendingRows}), one commit. One commit per batch instead of per event is
 * the point (the per-event transaction was the main cost of the consume stage).
 *
 * <p>If the batch's transaction fails, nothing of it was committed, and its events are applied one by one, each in
 * its own transaction with bounded retries (the earlier per-event path): the good events go through, and only an
 * event that still fails after its last try is parked on the dead-letter topic. A record that is not an event is
 * parked at once. Events are applied in record order, so a call's events keep their order.
 */
@ApplicationScoped
public class EventBatches {

    private static final Logger LOG = Logger.getLogger(EventBatches.class);
    private static final int ATTEMPTS = 6;

    private final ProcessedBatch ledger;
    private final ProcessedEvents processed;
    private final MailComposer composer;
    private final MailDispatcher dispatcher;
    private final DeadLetters deadLetters;
    private final Outbox outbox;

    public EventBatches(ProcessedBatch ledger, ProcessedEvents processed, MailComposer composer,
                        MailDispatcher dispatcher, DeadLetters deadLetters, Outbox outbox) {
        this.ledger = ledger;
        this.processed = processed;
        this.composer = composer;
        this.dispatcher = dispatcher;
        this.deadLetters = deadLetters;
        this.outbox = outbox;
    }

    /** An event with the record it came from (to park it) and its consumer span (continuing the producer's trace). */
    private record Received(ConsumerRecord<String, String> record, OrikaeshiEvent event, Span span) {

        Uni<Void> applyWith(MailComposer composer, PendingRows rows) {
            // Mail rows and outbox rows read the current traceparent: this event's, while it is applied.
            Tracing.makeCurrent(span);
            return composer.apply(event, rows);
        }
    }

    public Uni<Void> apply(List<ConsumerRecord<String, String>> records) {
        List<Received> events = new ArrayList<>(records.size());
        Uni<Void> parked = Uni.createFrom().voidItem();
        for (ConsumerRecord<String, String> record : records) {
            try {
                OrikaeshiEvent event = EventCodec.fromJson(record.value());
                events.add(new Received(record, event,
                        Tracing.start("consume " + event.type(), SpanKind.CONSUMER, traceparent(record))));
            } catch (RuntimeException e) { // MalformedEventException, or a null value (a tombstone)
                parked = parked.chain(() -> deadLetters.park(record, "not an event: " + e.getMessage()));
            }
        }
        if (events.isEmpty()) {
            return parked;
        }
        return parked.chain(() -> inOneTransaction(events)
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("A batch of %d events failed (%s); applying its events one by one", events.size(),
                            failure.toString());
                    return oneByOne(events);
                })
                .invoke(dispatcher::nudge)
                .onTermination().invoke(() -> events.forEach(e -> e.span().end())));
    }

    private Uni<Void> inOneTransaction(List<Received> events) {
        return Panache.withTransaction(() -> ledger.claim(events.stream().map(Received::event).toList())
                .chain(fresh -> {
                    // Each claimed event once: by identity, so a record repeated in the batch is not applied twice.
                    Set<OrikaeshiEvent> claimed = Collections.newSetFromMap(new IdentityHashMap<>());
                    claimed.addAll(fresh);
                    PendingRows rows = new PendingRows(outbox);
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Received received : events) {
                        if (claimed.contains(received.event())) {
                            chain = chain.chain(() -> received.applyWith(composer, rows));
                        }
                    }
                    return chain.chain(rows::flush);
                }));
    }

    private Uni<Void> oneByOne(List<Received> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Received received : events) {
            chain = chain.chain(() -> Uni.createFrom()
                    .deferred(() -> processed.applyOnce(received.event(), e -> {
                        PendingRows rows = new PendingRows(outbox);
                        return received.applyWith(composer, rows).chain(rows::flush);
                    }))
                    .onFailure().invoke(e -> LOG.warnf("Handling %s %s failed: %s", received.event().type(),
                            received.event().eventId(), e.toString()))
                    .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(ATTEMPTS - 1)
                    .replaceWithVoid()
                    .onFailure().recoverWithUni(failure -> {
                        received.span().setStatus(StatusCode.ERROR);
                        return deadLetters.park(received.record(), "cannot be applied after " + ATTEMPTS
                                + " attempts: " + failure.getClass().getSimpleName());
                    }));
        }
        return chain;
    }

    private static String traceparent(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader(Tracing.HEADER);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.US_ASCII);
    }
}
