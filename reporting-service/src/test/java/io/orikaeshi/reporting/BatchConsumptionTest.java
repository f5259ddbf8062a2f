package io.orikaeshi.reporting;

import io.agroal.api.AgroalDataSource;
import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackExtended;
import io.orikaeshi.events.Topics;
import io.orikaeshi.reporting.support.Calls;
import io.orikaeshi.reporting.support.Stream;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.orikaeshi.reporting.support.ReadModels.value;
import static io.orikaeshi.reporting.support.Stream.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live consumer takes records in batches: duplicates, a call's order and a bad record inside a batch. */
@QuarkusTest
class BatchConsumptionTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void eventsSentTwiceBackToBackAreAppliedOnceAndACallsExtensionsKeepTheirOrder() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant due = now.plusSeconds(600);
        CallReceived call = Calls.of("acme-jp", now).promised(due, "佐藤").event();
        CallbackExtended first = CallbackExtended.of("acme-jp", call.callId(), now.plusSeconds(1), due,
                due.plusSeconds(600), "佐藤");
        CallbackExtended second = CallbackExtended.of("acme-jp", call.callId(), now.plusSeconds(2),
                due.plusSeconds(600),
                due.plusSeconds(1200), "佐藤");
        Stream.publish(call, call, first, first, second, second);
        Stream.awaitConsumed();

        String row = "from call_log where call_id = '" + call.callId() + "'";
        assertEquals("2", value(dataSource, "select extension_count " + row));
        assertEquals("t",
                value(dataSource, "select callback_due_at = '" + due.plusSeconds(1200) + "'::timestamptz " + row));
        assertEquals("3", value(dataSource, "select count(*) from processed_event where event_id in ('"
                + call.eventId() + "', '" + first.eventId() + "', '" + second.eventId() + "')"));
    }

    @Test
    void aRecordThatIsNotAnEventIsParkedAloneAndTheRestOfItsBatchIsApplied() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        CallReceived before = Calls.of("acme-jp", now).event();
        CallReceived after = Calls.of("acme-jp", now).event();
        String garbage = "{\"not\":\"an event " + UUID.randomUUID() + "\"}";
        Stream.publish(before);
        Stream.client().send(Topics.CALL_EVENTS, before.callId(), garbage);
        Stream.publish(after);

        ConsumerRecord<String, String> parked = Stream.client().poll(Topics.deadLetter("reporting-service"),
                r -> garbage.equals(r.value()), 1, Duration.ofSeconds(30)).get(0);
        Header reason = parked.headers().lastHeader("dead-letter-reason");
        assertTrue(new String(reason.value(), StandardCharsets.UTF_8).startsWith("not an event"));
        assertEquals(Topics.CALL_EVENTS, new String(parked.headers().lastHeader("dead-letter-topic").value(),
                StandardCharsets.UTF_8));
        eventually(() -> {
            try {
                assertEquals("2", value(dataSource, "select count(*) from call_log where call_id in ('"
                        + before.callId() + "', '" + after.callId() + "')"));
            } catch (java.sql.SQLException e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(0, Stream.client().readAll(Topics.deadLetter("reporting-service"), Duration.ofMillis(500)).stream()
                .filter(r -> r.value().contains(before.callId()) || r.value().contains(after.callId())).count());
    }
}
