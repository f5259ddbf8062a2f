package io.orikaeshi.reporting;

import io.agroal.api.AgroalDataSource;
import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.Topics;
import io.orikaeshi.infra.LocalInfrastructure;
import io.orikaeshi.infra.DemoKeys;
import io.orikaeshi.infra.testing.InfraTestResource;
import io.orikaeshi.infra.testing.KafkaTestClient;
import io.orikaeshi.reporting.support.Calls;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.orikaeshi.reporting.support.Api.withKey;
import static io.orikaeshi.reporting.support.ReadModels.value;
import static io.orikaeshi.reporting.support.Stream.eventually;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The platform operator works through reporting's dead-letter topic over HTTP: two records parked the way a consumer
 * parks them (an event whose processing failed, and a payload that is no event) are listed with their reasons, looked
 * at, the event replayed and applied once, the garbage discarded with a reason; the gauge follows every step.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeadLetterWorkflowTest {

    private static final String DLQ = Topics.deadLetter("reporting-service");
    private static final String PROBLEM = "application/problem+json";
    private static final Pattern GAUGE = Pattern.compile("(?m)^orikaeshi_dead_letters_parked(?:\\{[^}]*})? (\\S+)$");

    @RegisterExtension
    static final KafkaTestClient KAFKA = KafkaTestClient.onTestInfrastructure();

    @Inject
    AgroalDataSource dataSource;

    @Test
    void parkedRecordsAreListedShownReplayedOnceAndDiscardedWithAReason() throws Exception {
        CallReceived call = Calls.of("acme-jp", Instant.now().truncatedTo(ChronoUnit.MILLIS)).event();
        String json = EventCodec.toJson(call);
        String traceparent = "00-" + UUID.randomUUID().toString().replace("-", "") + "-00f067aa0ba902b7-01";
        String garbage = "{\"not\":\"an event " + UUID.randomUUID() + "\"}";
        String event = park(call.key(), json, "cannot be applied: SQLException connection refused",
                "SQLException", traceparent, 3, 41);
        String malformed = park("key-" + UUID.randomUUID(), garbage, "not an event: unknown type", null, null, 1, 7);

        double parkedBefore = listed(event, malformed);
        withKey(DemoKeys.PLATFORM).get("/admin/dead-letters").then().statusCode(200)
                .body("deadLetters.find { it.id == '" + event + "' }.reason",
                        equalTo("cannot be applied: SQLException connection refused"))
                .body("deadLetters.find { it.id == '" + event + "' }.cause", equalTo("SQLException"))
                .body("deadLetters.find { it.id == '" + event + "' }.originTopic", equalTo(Topics.CALL_EVENTS))
                .body("deadLetters.find { it.id == '" + event + "' }.originPartition", equalTo(3))
                .body("deadLetters.find { it.id == '" + event + "' }.originOffset", equalTo(41))
                .body("deadLetters.find { it.id == '" + event + "' }.parkedAt", notNullValue())
                .body("deadLetters.find { it.id == '" + event + "' }.eventType", equalTo("CallReceived"))
                .body("deadLetters.find { it.id == '" + event + "' }.eventId", equalTo(call.eventId()))
                .body("deadLetters.find { it.id == '" + event + "' }.tenantId", equalTo("acme-jp"))
                .body("deadLetters.find { it.id == '" + event + "' }.callId", equalTo(call.callId()))
                .body("deadLetters.find { it.id == '" + event + "' }", not(hasKey("payload")))
                .body("deadLetters.find { it.id == '" + malformed + "' }.reason", equalTo("not an event: unknown type"))
                .body("deadLetters.find { it.id == '" + malformed + "' }.eventType", nullValue());
        eventually(() -> assertEquals(parkedBefore, gauge()));

        withKey(DemoKeys.PLATFORM).get("/admin/dead-letters/" + event).then().statusCode(200)
                .body("id", equalTo(event)).body("eventId", equalTo(call.eventId()))
                .body("key", equalTo(call.key())).body("payload", equalTo(json))
                .body("headers.find { it.name == 'traceparent' }.value", equalTo(traceparent))
                .body("headers.find { it.name == 'dead-letter-offset' }.value", equalTo("41"))
                .body("$", not(hasKey("resolution")));
        assertEquals("0", calls(call));

        withKey(DemoKeys.PLATFORM).post("/admin/dead-letters/" + event + "/replay").then().statusCode(200)
                .body("id", equalTo(event)).body("topic", equalTo(Topics.CALL_EVENTS));
        ConsumerRecord<String, String> replayed = replaysOf(event, 1).get(0);
        assertEquals(call.key(), replayed.key());
        assertEquals(json, replayed.value());
        assertEquals(traceparent, header(replayed, "traceparent"));
        for (Header h : replayed.headers()) {
            assertEquals(false, h.key().startsWith("dead-letter-"), h.key());
        }
        eventually(() -> assertEquals("1", calls(call)));
        eventually(() -> assertEquals(parkedBefore - 1, gauge()));

        withKey(DemoKeys.PLATFORM).post("/admin/dead-letters/" + event + "/replay").then().statusCode(409)
                .contentType(PROBLEM);
        withKey(DemoKeys.PLATFORM).post("/admin/dead-letters/replay").then().statusCode(200)
                .body("count", equalTo(0)).body("replayed", empty()).body("skipped", hasItem(malformed));
        withKey(DemoKeys.PLATFORM).get("/admin/dead-letters/" + event).then().statusCode(200)
                .body("resolution.action", equalTo("REPLAYED")).body("resolution.actor", equalTo("platform"));
        replaysOf(event, 1);
        assertEquals("1", value(dataSource, "select count(*) from processed_event where event_id = '"
                + call.eventId() + "'"));

        withKey(DemoKeys.PLATFORM).contentType("application/json").body("{}")
                .post("/admin/dead-letters/" + malformed + "/discard").then().statusCode(422).contentType(PROBLEM)
                .body("errors[0].field", equalTo("reason"));
        withKey(DemoKeys.PLATFORM).contentType("application/json").body("{\"reason\": \"  \"}")
                .post("/admin/dead-letters/" + malformed + "/discard").then().statusCode(422);
        withKey(DemoKeys.PLATFORM).contentType("application/json").body("{\"reason\": \"test garbage, no call\"}")
                .post("/admin/dead-letters/" + malformed + "/discard").then().statusCode(204);
        withKey(DemoKeys.PLATFORM).contentType("application/json").body("{\"reason\": \"again\"}")
                .post("/admin/dead-letters/" + malformed + "/discard").then().statusCode(409).contentType(PROBLEM);
        withKey(DemoKeys.PLATFORM).get("/admin/dead-letters").then().statusCode(200)
                .body("deadLetters.id", not(hasItem(event))).body("deadLetters.id", not(hasItem(malformed)));
        eventually(() -> assertEquals(parkedBefore - 2, gauge()));
    }

    @Test
    void anUnknownIdIsNotFound() {
        withKey(DemoKeys.PLATFORM).get("/admin/dead-letters/5-999999999").then().statusCode(404).contentType(PROBLEM);
        withKey(DemoKeys.PLATFORM).get("/admin/dead-letters/not-an-id").then().statusCode(404).contentType(PROBLEM);
        withKey(DemoKeys.PLATFORM).post("/admin/dead-letters/99-0/replay").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void onlyThePlatformKeyMayWorkOnDeadLetters() {
        given().get("/admin/dead-letters").then().statusCode(401).contentType(PROBLEM);
        withKey(DemoKeys.ACME_ADMIN).get("/admin/dead-letters").then().statusCode(403).contentType(PROBLEM);
        withKey(DemoKeys.ACME_CLIENT).post("/admin/dead-letters/replay").then().statusCode(403).contentType(PROBLEM);
        withKey(DemoKeys.ACME_ADMIN).contentType("application/json").body("{\"reason\": \"x\"}")
                .post("/admin/dead-letters/0-0/discard").then().statusCode(403);
    }

    @Test
    void theEndpointsAreDocumented() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/admin/dead-letters'.get.summary", notNullValue())
                .body("paths.'/admin/dead-letters/{id}'.get.summary", notNullValue())
                .body("paths.'/admin/dead-letters/{id}/replay'.post.summary", notNullValue())
                .body("paths.'/admin/dead-letters/replay'.post.summary", notNullValue())
                .body("paths.'/admin/dead-letters/{id}/discard'.post.summary", notNullValue());
    }

    /** Last: the broker restarts, and the consumers take a moment to find it again. */
    @Test
    @Order(Integer.MAX_VALUE)
    void whileKafkaIsDownTheEndpointsAnswer503WithRetryAfterAndTheMetricsStillAnswer() {
        LocalInfrastructure infra = InfraTestResource.infra();
        infra.stopKafka();
        try {
            withKey(DemoKeys.PLATFORM).get("/admin/dead-letters").then().statusCode(503).contentType(PROBLEM)
                    .header("Retry-After", notNullValue());
            withKey(DemoKeys.PLATFORM).post("/admin/dead-letters/0-0/replay").then().statusCode(503)
                    .header("Retry-After", notNullValue());
            gauge();
        } finally {
            infra.startKafka();
        }
        eventually(() -> withKey(DemoKeys.PLATFORM).get("/admin/dead-letters").then().statusCode(200));
    }

    /** Parks a record as the contract says a consumer does, and returns its id on the dead-letter topic. */
    private static String park(String key, String value, String reason, String cause, String traceparent,
            int originPartition, long originOffset) {
        RecordHeaders headers = new RecordHeaders();
        if (traceparent != null) {
            headers.add("traceparent", bytes(traceparent));
        }
        headers.add("dead-letter-reason", bytes(reason));
        headers.add("dead-letter-topic", bytes(Topics.CALL_EVENTS));
        headers.add("dead-letter-partition", bytes(String.valueOf(originPartition)));
        headers.add("dead-letter-offset", bytes(String.valueOf(originOffset)));
        if (cause != null) {
            headers.add("dead-letter-cause", bytes(cause));
        }
        headers.add("dead-letter-service", bytes("reporting-service"));
        RecordMetadata at = KAFKA.send(new ProducerRecord<>(DLQ, null, key, value, headers));
        return at.partition() + "-" + at.offset();
    }

    /** The listing holds both ids; returns how many it lists, which the gauge must then show. */
    private static double listed(String... ids) {
        var listing = withKey(DemoKeys.PLATFORM).get("/admin/dead-letters").then().statusCode(200)
                .body("topic", equalTo(DLQ)).body("complete", equalTo(true));
        for (String id : ids) {
            listing.body("deadLetters.id", hasItem(id));
        }
        Integer count = listing.extract().path("count");
        return count;
    }

    private List<ConsumerRecord<String, String>> replaysOf(String id, int expected) {
        String replayOf = DLQ + "-" + id.replace('-', '@');
        List<ConsumerRecord<String, String>> replays = KAFKA.readAll(Topics.CALL_EVENTS, Duration.ofMillis(500))
                .stream().filter(r -> replayOf.equals(header(r, "orikaeshi-replay-of"))).toList();
        assertEquals(expected, replays.size());
        return replays;
    }

    private String calls(CallReceived call) {
        try {
            return value(dataSource, "select count(*) from call_log where call_id = '" + call.callId() + "'");
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static double gauge() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = GAUGE.matcher(metrics);
        if (!m.find()) {
            throw new AssertionError("no orikaeshi_dead_letters_parked in /q/metrics");
        }
        return Double.parseDouble(m.group(1));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
