package io.orikaeshi.scheduler;

import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackOverdue;
import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.EventFixtures;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.events.Topics;
import io.orikaeshi.infra.testing.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class DeadlineFiringTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.onTestInfrastructure();

    private static void publish(OrikaeshiEvent event) {
        kafka.send(Topics.CALL_EVENTS, event.key(), EventCodec.toJson(event));
    }

    private static List<ConsumerRecord<String, String>> deadlineEventsOf(String callId, Duration quiet) {
        return kafka.readAll(Topics.DEADLINE_EVENTS, quiet).stream().filter(r -> callId.equals(r.key())).toList();
    }

    @Test
    void missedPromiseBecomesOverdueAtItsDueTimeAndOnlyOnce() {
        String callId = EventFixtures.newCallId();
        Instant due = Instant.now().plusMillis(1500).truncatedTo(ChronoUnit.MILLIS);
        CallReceived received = EventFixtures.callReceived("acme-jp", callId, due);
        publish(received);
        publish(received); // redelivered: must not arm a second timer

        // A warning comes first (half the 1.5 s window before the due time); the overdue is what this test is about.
        ConsumerRecord<String, String> record = kafka.poll(Topics.DEADLINE_EVENTS,
                r -> callId.equals(r.key()) && r.value().contains("\"CallbackOverdue\""), 1, WAIT).get(0);

        CallbackOverdue overdue = assertInstanceOf(CallbackOverdue.class, EventCodec.fromJson(record.value()));
        assertEquals(due, overdue.dueAt());
        assertFalse(overdue.occurredAt().isBefore(due), "fired before the promised time");
        assertTrue(Duration.between(due, overdue.occurredAt()).toMillis() < 1000,
                "fired " + Duration.between(due, overdue.occurredAt()) + " after the promised time");
        assertEquals(1, deadlineEventsOf(callId, Duration.ofSeconds(2)).stream()
                .filter(r -> EventCodec.fromJson(r.value()) instanceof CallbackOverdue).count(),
                "exactly one overdue event");
    }

    @Test
    void completedCallbackNeverBecomesOverdue() throws InterruptedException {
        String callId = EventFixtures.newCallId();
        Instant due = Instant.now().plusMillis(3000).truncatedTo(ChronoUnit.MILLIS);
        publish(EventFixtures.callReceived("acme-jp", callId, due));
        publish(EventFixtures.completed("acme-jp", callId));

        Thread.sleep(Duration.between(Instant.now(), due).plusSeconds(2).toMillis());

        assertEquals(List.of(), deadlineEventsOf(callId, Duration.ofMillis(500)));
    }

    @Test
    void callWithoutPromiseArmsNoDeadline() throws InterruptedException {
        String callId = EventFixtures.newCallId();
        String controlId = EventFixtures.newCallId();
        publish(EventFixtures.callReceived("acme-jp", callId, (Instant) null));
        publish(EventFixtures.callReceived("acme-jp", controlId, Instant.now().plusMillis(200)));

        kafka.poll(Topics.DEADLINE_EVENTS, r -> controlId.equals(r.key()), 1, WAIT);

        assertEquals(List.of(), deadlineEventsOf(callId, Duration.ofMillis(500)));
    }

    @Test
    void poisonMessageIsParkedOnTheDeadLetterTopicAndTheNextEventStillFires() {
        String callId = EventFixtures.newCallId();
        kafka.send(Topics.CALL_EVENTS, callId, "{not an event");
        publish(EventFixtures.callReceived("acme-jp", callId, Instant.now().plusMillis(300)));

        kafka.poll(Topics.deadLetter("callback-scheduler"), r -> callId.equals(r.key()), 1, WAIT);
        kafka.poll(Topics.DEADLINE_EVENTS, r -> callId.equals(r.key()), 1, WAIT);
    }

    @Test
    void readinessReportsUp() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
