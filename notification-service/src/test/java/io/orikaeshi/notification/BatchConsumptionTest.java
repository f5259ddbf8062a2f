package io.orikaeshi.notification;

import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.EventFixtures;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.events.Topics;
import io.orikaeshi.notification.messaging.EventsConsumer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A batch is applied in one transaction; an event in it that the database refuses must not take the others down.
 * The batch is handed to the consumer directly, so it is certainly one batch (through Kafka, the poll decides).
 */
@QuarkusTest
class BatchConsumptionTest extends EventsToMail {

    private static final String DLQ = "orikaeshi.dlq.notification-service";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EventsConsumer consumer;

    @Test
    void batchHoldingAPoisonEventSendsTheOthersExactlyOnceAndDeadLettersThePoison() throws Throwable {
        List<CallReceived> good = IntStream.range(0, 4).mapToObj(i -> EventFixtures.callReceived("acme-jp",
                EventFixtures.newCallId(), Instant.now().plusSeconds(3600))).toList();
        // Valid on the wire, refused by the database (call ids are at most 36 characters): the whole batch's
        // transaction fails, and goes on failing while the database answers.
        CallReceived poison = EventFixtures.callReceived("acme-jp", "c".repeat(40), Instant.now().plusSeconds(3600));
        List<OrikaeshiEvent> inOrder = new ArrayList<>(good.subList(0, 2));
        inOrder.add(poison);
        inOrder.addAll(good.subList(2, 4));
        List<ConsumerRecord<String, String>> batch = new ArrayList<>();
        for (int i = 0; i < inOrder.size(); i++) {
            batch.add(new ConsumerRecord<>(Topics.CALL_EVENTS, 0, 1_000_000 + i, inOrder.get(i).key(),
                    EventCodec.toJson(inOrder.get(i))));
        }

        VertxContextSupport.subscribeAndAwait(() -> consumer.callEvents(records(batch)));

        mail.awaitMessages(m -> good.stream().anyMatch(c -> m.textBody().contains(c.callId())), good.size(), WAIT);
        ConsumerRecord<String, String> parked = kafka.poll(DLQ, r -> poison.callId().equals(r.key()), 1, WAIT).get(0);
        Thread.sleep(2000);
        for (CallReceived call : good) {
            assertEquals(1, mailsAbout(call.callId()).size(),
                    "one mail for call " + call.callId());
            List<Ledger.Row> rows = Ledger.ofCall(call.callId());
            assertEquals(1, rows.size(), "one ledger row for call " + call.callId());
            assertEquals("SENT", rows.get(0).status());
        }
        assertEquals(poison.eventId(), EventCodec.fromJson(parked.value()).eventId());
        assertTrue(header(parked, "dead-letter-reason").startsWith("cannot be applied"),
                header(parked, "dead-letter-reason"));
        assertEquals(Topics.CALL_EVENTS, header(parked, "dead-letter-topic"));
        assertEquals(List.of(), Ledger.ofCall(poison.callId()), "nothing of the poison was kept");
    }

    @Test
    void recordThatIsNotAnEventIsParkedAndTheBatchStillApplied() throws Throwable {
        CallReceived call = EventFixtures.callReceived("acme-jp", EventFixtures.newCallId(),
                Instant.now().plusSeconds(3600));
        String key = "not-an-event-" + call.callId();
        List<ConsumerRecord<String, String>> batch = List.of(
                new ConsumerRecord<>(Topics.CALL_EVENTS, 0, 2_000_000, key, "{not json"),
                new ConsumerRecord<>(Topics.CALL_EVENTS, 0, 2_000_001, call.key(), EventCodec.toJson(call)));

        VertxContextSupport.subscribeAndAwait(() -> consumer.callEvents(records(batch)));

        mail.awaitMessages(m -> m.textBody().contains(call.callId()), 1, WAIT);
        ConsumerRecord<String, String> parked = kafka.poll(DLQ, r -> key.equals(r.key()), 1, WAIT).get(0);
        assertEquals("{not json", parked.value());
        assertTrue(header(parked, "dead-letter-reason").startsWith("not an event"),
                header(parked, "dead-letter-reason"));
    }

    /** A batch's rows are written together at its end; an event that changes a snapshot must still see its call's. */
    @Test
    void completionInTheSameBatchAsItsCallClosesTheSnapshotTheBatchWrote() throws Throwable {
        CallReceived call = EventFixtures.callReceived("acme-jp", EventFixtures.newCallId(),
                Instant.now().plusSeconds(3600));
        CallReceived other = EventFixtures.callReceived("acme-jp", EventFixtures.newCallId(),
                Instant.now().plusSeconds(3600));
        List<OrikaeshiEvent> inOrder = List.of(call, EventFixtures.completed("acme-jp", call.callId()), other);
        List<ConsumerRecord<String, String>> batch = new ArrayList<>();
        for (int i = 0; i < inOrder.size(); i++) {
            batch.add(new ConsumerRecord<>(Topics.CALL_EVENTS, 0, 3_000_000 + i, inOrder.get(i).key(),
                    EventCodec.toJson(inOrder.get(i))));
        }

        VertxContextSupport.subscribeAndAwait(() -> consumer.callEvents(records(batch)));

        assertTrue(Ledger.snapshot(call.callId(), true), "the completed call's snapshot is closed");
        assertTrue(Ledger.snapshot(other.callId(), false), "the other call's snapshot is written");
        mail.awaitMessages(m -> m.textBody().contains(call.callId()) || m.textBody().contains(other.callId()), 2,
                WAIT);
        assertEquals(1, Ledger.ofCall(call.callId()).size(), "one ledger row for the completed call's report");
        assertEquals(1, Ledger.ofCall(other.callId()).size(), "one ledger row for the other call's report");
    }

    private static ConsumerRecords<String, String> records(List<ConsumerRecord<String, String>> batch) {
        return new ConsumerRecords<>(Map.of(new TopicPartition(Topics.CALL_EVENTS, 0), batch), Map.of());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
