package io.orikaeshi.notification;

import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackWarned;
import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.EventFixtures;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.events.Topics;
import io.orikaeshi.infra.LocalInfrastructure;
import io.orikaeshi.infra.MailCatcher;
import io.orikaeshi.infra.testing.InfraTestResource;
import io.orikaeshi.infra.testing.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The consumer through a database outage longer than any fixed retry window: valid events wait for the database and
 * are applied once it is back, exactly once; only a record that is not an event is parked, with its reason.
 */
@QuarkusTest
class DatabaseOutageConsumptionTest {

    private static final String DLQ = Topics.deadLetter("notification-service");
    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern CALL_EVENTS_STALL = Pattern
            .compile("orikaeshi_inbox_stalled_seconds\\{[^}]*channel=\"call-events\"[^}]*} ([0-9.E]+)");
    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.onTestInfrastructure();

    @Test
    void eventsTakenWhileTheDatabaseIsDownForAMinuteAreAppliedOnceItIsBackAndOnlyGarbageIsParked() throws Exception {
        LocalInfrastructure infra = InfraTestResource.infra();
        MailCatcher mail = infra.mail();
        CallReceived call = EventFixtures.callReceived("acme-jp", EventFixtures.newCallId(),
                Instant.now().plusSeconds(3600));
        CallbackWarned warned = CallbackWarned.of("acme-jp", call.callId(), Instant.now(),
                call.call().callback().dueAt(), "佐藤");
        String garbageKey = "garbage-" + UUID.randomUUID();

        Instant down = Instant.now();
        infra.stopPostgres();
        try {
            kafka.send(Topics.CALL_EVENTS, garbageKey, "{not an event");
            publish(Topics.CALL_EVENTS, call);
            publish(Topics.DEADLINE_EVENTS, warned);

            ConsumerRecord<String, String> parked = kafka.poll(DLQ, r -> garbageKey.equals(r.key()), 1, WAIT).get(0);
            assertEquals("not an event", header(parked, "dead-letter-reason"));
            assertEquals(Topics.CALL_EVENTS, header(parked, "dead-letter-topic"));
            awaitStall();
            assertEquals(503, get("/q/health/ready").statusCode(), "not ready while its batches are held");

            Thread.sleep(Math.max(0, OUTAGE.minus(Duration.between(down, Instant.now())).toMillis()));
            assertTrue(mail.messages().stream().noneMatch(m -> m.textBody().contains(call.callId())),
                    "nothing could be sent while the database was down");
        } finally {
            infra.restartPostgres();
        }

        mail.awaitMessages(m -> m.textBody().contains(call.callId()) && m.subject().startsWith("【期限間近】"), 1, WAIT);
        mail.awaitMessages(m -> m.textBody().contains(call.callId()) && !m.subject().startsWith("【期限間近】"), 1, WAIT);
        Thread.sleep(2000);
        assertEquals(2, mail.messages().stream().filter(m -> m.textBody().contains(call.callId())).count(),
                "the report and the warning, each once");
        List<ConsumerRecord<String, String>> parkedForCall = kafka.readAll(DLQ, Duration.ofSeconds(1)).stream()
                .filter(r -> call.callId().equals(r.key())).toList();
        assertEquals(List.of(), parkedForCall, "no valid event parked");
        assertEquals(0.0, stalledSeconds(), "the channel flows again");
    }

    private static void publish(String topic, OrikaeshiEvent event) {
        kafka.send(topic, event.key(), EventCodec.toJson(event));
    }

    /** The held batch shows as a growing stall, so an operator sees the outage from the consumer's side too. */
    private static void awaitStall() throws InterruptedException {
        Instant until = Instant.now().plus(WAIT);
        while (stalledSeconds() <= 0) {
            assertTrue(Instant.now().isBefore(until), "the call-events channel never reported a stall");
            Thread.sleep(500);
        }
    }

    private static double stalledSeconds() {
        Matcher matcher = CALL_EVENTS_STALL.matcher(get("/q/metrics").asString());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
