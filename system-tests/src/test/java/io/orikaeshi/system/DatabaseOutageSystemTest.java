package io.orikaeshi.system;

import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.Topics;
import io.orikaeshi.infra.InfraSettings;
import io.orikaeshi.infra.LocalInfrastructure;
import io.orikaeshi.infra.LocalSystem;
import io.orikaeshi.infra.Ports;
import io.orikaeshi.infra.ServiceProcess;
import io.orikaeshi.infra.DemoKeys;
import io.orikaeshi.infra.testing.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL goes away under a running intake-service and comes back: the service says it is not ready, answers
 * calls with a 503 the client can retry (never a 500), takes them again once the database is back, and loses
 * nothing it had accepted nor publishes any call as two events. Its own infrastructure, since the database is stopped.
 */
class DatabaseOutageSystemTest {

    private static final Path ROOT = LocalSystem.repositoryRoot();
    private static final LocalSystem.ServiceSpec INTAKE = LocalSystem.SERVICES.get(0);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static LocalInfrastructure infra;
    private static ServiceProcess intake;
    private static String base;

    @BeforeAll
    static void startIntake() {
        LocalSystem.requireBuilt(ROOT, List.of(INTAKE));
        infra = LocalInfrastructure.start(InfraSettings.forTests(List.of(INTAKE.database())));
        LocalSystem.ServiceSpec spec = INTAKE.withHttpPort(Ports.free());
        base = "http://127.0.0.1:" + spec.httpPort();
        intake = ServiceProcess.start(spec.module(), LocalSystem.quarkusRunJar(ROOT, spec.module()),
                LocalSystem.serviceEnv(infra, spec, ROOT), List.of(),
                ROOT.resolve("system-tests/target/service-logs/intake-service-database-outage.log"));
        intake.awaitHealthy(base + "/q/health/ready", Duration.ofMinutes(3));
    }

    @AfterAll
    static void stopAll() {
        if (intake != null) {
            intake.stop();
        }
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    void callsDuringADatabaseOutageGetARetryable503AndNothingAcceptedIsLost() throws Exception {
        HttpResponse<String> before = postCall("03-5555-0001", UUID.randomUUID().toString());
        assertEquals(201, before.statusCode(), before.body());
        String acceptedBefore = location(before);

        infra.stopPostgres();
        String retriedKey = UUID.randomUUID().toString();
        HttpResponse<String> during;
        try {
            awaitReadiness(503);
            during = postCall("03-5555-0002", retriedKey);
        } finally {
            infra.restartPostgres();
        }
        assertEquals(503, during.statusCode(), during.body());
        assertTrue(during.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                "a problem document: " + during.headers());
        assertTrue(during.headers().firstValue("Retry-After").isPresent(), "says when to retry");

        awaitReadiness(200);
        HttpResponse<String> retried = postCall("03-5555-0002", retriedKey);
        assertEquals(201, retried.statusCode(), "the retry is taken once the database is back: " + retried.body());
        assertEquals(200, get(acceptedBefore).statusCode(), "the call accepted before the outage is still there");
        try (KafkaTestClient kafka = new KafkaTestClient(infra.kafkaBootstrapServers())) {
            List<String> ids = List.of(callId(acceptedBefore), callId(location(retried)));
            kafka.poll(Topics.CALL_EVENTS, r -> ids.contains(r.key()), 2, Duration.ofSeconds(60));
            // At least once on the wire (the relay may have sent a row whose delete the outage cut off), but as one
            // event: a redelivery carries the same event id, which is what consumers deduplicate on.
            Map<String, Set<String>> eventIds = kafka.readAll(Topics.CALL_EVENTS, Duration.ofSeconds(2)).stream()
                    .filter(r -> ids.contains(r.key()))
                    .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.mapping(
                            r -> EventCodec.fromJson(r.value()).eventId(), Collectors.toSet())));
            assertEquals(Set.of(ids.get(0), ids.get(1)), eventIds.keySet(), "both calls published");
            eventIds.forEach((call, events) -> assertEquals(1, events.size(), "one event for call " + call));
        }
    }

    private static HttpResponse<String> postCall(String number, String idempotencyKey) throws Exception {
        String body = """
                {"addressee": "佐藤", "callerName": {"status": "PROVIDED", "value": "山田 太郎"},
                 "purpose": {"status": "PROVIDED", "value": "見積もりの件"},
                 "callbackNumber": {"status": "PROVIDED", "value": "%s"},
                 "callback": {"dueAt": "%s", "assignee": "佐藤"}}
                """.formatted(number, Instant.now().plus(Duration.ofHours(2)));
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/tenants/acme-jp/calls"))
                .header("Authorization", DemoKeys.bearer(DemoKeys.ACME_OPERATOR))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String location) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base).resolve(location))
                .header("Authorization", DemoKeys.bearer(DemoKeys.ACME_OPERATOR))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitReadiness(int status) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        int last = -1;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode();
            } catch (IOException e) {
                last = -1;
            }
            if (last == status) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("readiness did not become " + status + " (last " + last + ")");
    }

    private static String location(HttpResponse<String> created) {
        return created.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location"));
    }

    private static String callId(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }

}
