package io.orikaeshi.intake;

import io.orikaeshi.events.Topics;
import io.orikaeshi.infra.LocalInfrastructure;
import io.orikaeshi.infra.testing.InfraTestResource;
import io.orikaeshi.infra.testing.KafkaTestClient;
import io.orikaeshi.infra.testing.Pause;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.orikaeshi.intake.IntakeApi.WAIT;
import static io.orikaeshi.intake.IntakeApi.callFrom;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

@QuarkusTest
class ObservabilityTest {

    private static final Pattern ACCEPTED = Pattern.compile(
            "(?m)^orikaeshi_events_published_total\\{[^}]*type=\"CallReceived\"[^}]*} ([0-9.E]+)$");

    @Test
    void readinessGoesDownWhileKafkaIsStoppedAndUpWhenItIsBack() {
        LocalInfrastructure infra = InfraTestResource.infra();
        awaitReadiness(200);
        String checks = given().when().get("/q/health/ready").then().extract().asString();
        assertTrue(checks.contains("Reactive PostgreSQL connections health check"), checks);
        assertTrue(checks.contains("SmallRye Reactive Messaging - readiness check"), checks);

        infra.stopKafka();
        try {
            awaitReadiness(503);
        } finally {
            infra.startKafka();
        }
        awaitReadiness(200);
    }

    @Test
    void acceptedCallsAreCountedInTheMetrics() {
        double before = acceptedCalls();
        IntakeApi.created("acme-jp", callFrom("03-7777-0001", null));

        Instant deadline = Instant.now().plus(WAIT);
        while (acceptedCalls() < before + 1) {
            if (Instant.now().isAfter(deadline)) {
                fail("orikaeshi_events_published_total{type=CallReceived} stayed at " + acceptedCalls());
            }
            Pause.millis(100);
        }
    }

    @Test
    void theCallersTraceIsCarriedOnTheCallEventsRecord() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String callId = IntakeApi.asOperator("acme-jp").header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .contentType(ContentType.JSON)
                .body(callFrom("03-7777-0002", null))
                .when().post("/tenants/{t}/calls", "acme-jp").then().statusCode(201).extract().path("callId");

        try (KafkaTestClient kafka = new KafkaTestClient(InfraTestResource.infra().kafkaBootstrapServers())) {
            ConsumerRecord<String, String> record = kafka.poll(Topics.CALL_EVENTS, r -> callId.equals(r.key()), 1, WAIT)
                    .get(0);
            Header header = record.headers().lastHeader("traceparent");
            assertNotNull(header, "the call-events record has no traceparent header");
            assertEquals(1, java.util.stream.StreamSupport.stream(record.headers().headers("traceparent").spliterator(),
                    false).count(), "one traceparent header, not a second one from the messaging instrumentation");
            String[] parts = new String(header.value(), StandardCharsets.US_ASCII).split("-");
            assertEquals(traceId, parts[1]);
            // A span of intake's own (the publication), not the caller's.
            assertTrue(!"00f067aa0ba902b7".equals(parts[2]), "the parent span is intake's publish span");
        }
    }

    private static double acceptedCalls() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = ACCEPTED.matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static void awaitReadiness(int status) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        int last = -1;
        while (Instant.now().isBefore(deadline)) {
            last = given().when().get("/q/health/ready").then().extract().statusCode();
            if (last == status) {
                return;
            }
            Pause.millis(250);
        }
        fail("/q/health/ready stayed at " + last + ", expected " + status + ": "
                + given().when().get("/q/health/ready").then().extract().asString());
    }

}
