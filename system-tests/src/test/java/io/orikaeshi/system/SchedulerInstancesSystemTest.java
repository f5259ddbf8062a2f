package io.orikaeshi.system;

import io.orikaeshi.events.CallDetails;
import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackOverdue;
import io.orikaeshi.events.CallbackPromise;
import io.orikaeshi.events.CallbackWarned;
import io.orikaeshi.events.CapturedItem;
import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.events.Topics;
import io.orikaeshi.events.Urgency;
import io.orikaeshi.infra.InfraSettings;
import io.orikaeshi.infra.LocalInfrastructure;
import io.orikaeshi.infra.LocalSystem;
import io.orikaeshi.infra.Ports;
import io.orikaeshi.infra.ServiceProcess;
import io.orikaeshi.infra.testing.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two callback-scheduler processes on one PostgreSQL and one Kafka, as two replicas of a deployment would run: they
 * share the consumer group and race for the same due timers. Every deadline must come out of deadline-events exactly
 * once, whichever instance fired it.
 */
class SchedulerInstancesSystemTest {

    private static final Path ROOT = LocalSystem.repositoryRoot();
    private static final LocalSystem.ServiceSpec SCHEDULER = LocalSystem.SERVICES.get(1);
    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final int PROMISES = 500;
    /*
     * acme-jp (config/tenants.properties) warns 13 minutes before the due time, capped at half the window: a 40 s
     * promise is warned 20 s before its due time, so every promise has a warning and an overdue timer, both due well
     * after the events were consumed even on a loaded machine. Its escalation starts 10 minutes later: out of reach.
     */
    private static final Duration PROMISE = Duration.ofSeconds(40);

    private static LocalInfrastructure infra;
    private static final List<ServiceProcess> instances = new ArrayList<>();
    private static final List<Integer> ports = new ArrayList<>();

    @BeforeAll
    static void startTwoInstances() {
        LocalSystem.requireBuilt(ROOT, List.of(SCHEDULER));
        infra = LocalInfrastructure.start(InfraSettings.forTests(List.of(SCHEDULER.database())));
        Path logs = ROOT.resolve("system-tests").resolve("target").resolve("service-logs");
        for (int i = 1; i <= 2; i++) {
            LocalSystem.ServiceSpec spec = SCHEDULER.withHttpPort(Ports.free());
            ports.add(spec.httpPort());
            instances.add(ServiceProcess.start(spec.module() + "-" + i,
                    LocalSystem.quarkusRunJar(ROOT, spec.module()), LocalSystem.serviceEnv(infra, spec, ROOT),
                    List.of(), logs.resolve(spec.module() + "-instance-" + i + ".log")));
        }
        for (int i = 0; i < instances.size(); i++) {
            instances.get(i).awaitHealthy("http://127.0.0.1:" + ports.get(i) + "/q/health/ready", STARTUP);
        }
    }

    @AfterAll
    static void stopAll() {
        instances.forEach(ServiceProcess::stop);
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    void twoInstancesFireEveryDeadlineExactlyOnce() {
        Instant received = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Set<String> callIds = new HashSet<>();
        try (KafkaTestClient kafka = new KafkaTestClient(infra.kafkaBootstrapServers())) {
            for (int i = 0; i < PROMISES; i++) {
                String callId = UUID.randomUUID().toString();
                callIds.add(callId);
                // Due within one second of each other: both instances wake for the same rows.
                Instant due = received.plus(PROMISE).plusMillis((i % 10) * 100L);
                CallReceived call = CallReceived.of("acme-jp", callId, received, new CallDetails(received, "op-1",
                        "tokyo-1", "佐藤", CapturedItem.provided("山田 太郎"), CapturedItem.provided("見積もりの件"),
                        CapturedItem.provided("+81312345678"), Urgency.NORMAL, null, new CallbackPromise(due, "佐藤")));
                kafka.send(Topics.CALL_EVENTS, call.key(), EventCodec.toJson(call));
            }

            kafka.poll(Topics.DEADLINE_EVENTS, r -> callIds.contains(r.key()), 2 * PROMISES,
                    PROMISE.plus(Duration.ofSeconds(90)));
            // Then everything, once the topic has been quiet for a while: a double fire would show up here.
            List<OrikaeshiEvent> emitted = kafka.readAll(Topics.DEADLINE_EVENTS, Duration.ofSeconds(3)).stream()
                    .filter(r -> callIds.contains(r.key()))
                    .map(ConsumerRecord::value).map(EventCodec::fromJson).toList();

            Map<String, Long> perEventId = emitted.stream()
                    .collect(Collectors.groupingBy(OrikaeshiEvent::eventId, Collectors.counting()));
            assertEquals(2 * PROMISES, perEventId.size(), "one warning and one overdue event id per promise");
            assertEquals(Set.of(1L), new HashSet<>(perEventId.values()), "no event id published twice");
            Map<String, Long> perFact = emitted.stream().collect(Collectors.groupingBy(
                    e -> e.callId() + "|" + e.type(), Collectors.counting()));
            for (String callId : callIds) {
                assertEquals(1L, perFact.get(callId + "|" + CallbackWarned.class.getSimpleName()),
                        "warned once: " + callId);
                assertEquals(1L, perFact.get(callId + "|" + CallbackOverdue.class.getSimpleName()),
                        "overdue once: " + callId);
            }
            assertEquals(2 * PROMISES, emitted.size(), "nothing else emitted");
        }

        List<Long> firedPerInstance = ports.stream().map(SchedulerInstancesSystemTest::timersFired).toList();
        assertEquals(2L * PROMISES, firedPerInstance.stream().mapToLong(Long::longValue).sum(),
                "the instances' own counters add up to one firing per timer: " + firedPerInstance);
        assertTrue(firedPerInstance.stream().allMatch(fired -> fired > 0),
                "both instances took part in firing: " + firedPerInstance);
    }

    /** The instance's orikaeshi_scheduler_timers_fired_total, summed over the timer kinds. */
    private static long timersFired(int port) {
        String metrics;
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/q/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            metrics = response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Matcher counter = Pattern.compile("(?m)^orikaeshi_scheduler_timers_fired_total\\{[^}]*} (\\S+)$")
                .matcher(metrics);
        double sum = 0;
        while (counter.find()) {
            sum += Double.parseDouble(counter.group(1));
        }
        return Math.round(sum);
    }

}
