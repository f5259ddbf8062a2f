package io.orikaeshi.reporting.bench;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackCompleted;
import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.infra.DemoKeys;
import io.orikaeshi.infra.testing.InfraTestResource;
import io.orikaeshi.reporting.support.Calls;
import io.orikaeshi.reporting.support.Stream;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;

/**
 * The benchmark of bench/README.md, not a test: skipped unless run with -Dbench=true. Prints
 * (1) event-to-queryable lag p50/p99 at a paced 1,000 events/s, from the service's own reporting.projection.lag
 * timer (occurredAt to commit of the batch), (2) the live consumer's catch-up rate and the rebuild rate of
 * POST /admin/rebuild from offset 0, and (3) caller-history latency over HTTP on a table of 1M calls.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ProjectionBenchmark {

    private static final int RATE = Integer.getInteger("bench.rate", 1000);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    private static final int IDLE = Integer.getInteger("bench.idle", 125);
    private static final int REBUILD_CALLS = Integer.getInteger("bench.rebuild.calls", 100_000);
    private static final int HISTORY_CALLS = Integer.getInteger("bench.history.calls", 1_000_000);
    private static final int LOOKUPS = Integer.getInteger("bench.lookups", 5_000);
    private static final String PHASES = System.getProperty("bench.phases", "lag,rebuild,history");

    @Inject
    MeterRegistry registry;
    @Inject
    AgroalDataSource dataSource;
    @TestHTTPResource("/")
    URI base;

    @Test
    void lagRebuildAndCallerHistory() throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            if (PHASES.contains("lag")) {
                lag(producer);
            }
            if (PHASES.contains("rebuild")) {
                rebuild(producer);
            }
        }
        if (PHASES.contains("history")) {
            callerHistory();
        }
    }

    private void lag(KafkaProducer<String, String> producer) throws Exception {
        publishPaced(producer, RATE, 10);
        Stream.awaitConsumed();
        // The timer's percentiles cover a 2-minute rolling window: wait the warm-up out of it.
        TimeUnit.SECONDS.sleep(IDLE);
        Timer timer = registry.find("reporting.projection.lag").timer();
        long before = timer.count();
        long start = System.nanoTime();
        int sent = publishPaced(producer, RATE, SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        Stream.awaitConsumed();
        ValueAtPercentile[] p = timer.takeSnapshot().percentileValues();
        System.out.printf("BENCH lag: %d events sent at %.0f/s, %d applied: p50 %.1f ms, p99 %.1f ms (max %.1f ms)%n",
                sent, sent / seconds, timer.count() - before, p[0].value(TimeUnit.MILLISECONDS),
                p[1].value(TimeUnit.MILLISECONDS), timer.max(TimeUnit.MILLISECONDS));
    }

    private void rebuild(KafkaProducer<String, String> producer) throws Exception {
        Instant t = Instant.parse("2026-09-01T00:00:00Z");
        for (int i = 0; i < REBUILD_CALLS; i++) {
            CallReceived call = Calls.of(i % 2 == 0 ? "acme-jp" : "globex-us", t).promised(t.plusSeconds(3600), "佐藤")
                    .event();
            send(producer, call);
            send(producer, CallbackCompleted.of(call.tenantId(), call.callId(), t.plusSeconds(60), "佐藤"));
            t = t.plusSeconds(1);
        }
        producer.flush();
        long start = System.nanoTime();
        awaitConsumed(Duration.ofMinutes(10));
        double catchUp = (System.nanoTime() - start) / 1e9;
        System.out.printf("BENCH live catch-up: %d events published in a burst were applied within %.1f s of the "
                + "last send (>= %.0f events/s)%n", 2 * REBUILD_CALLS, catchUp, 2 * REBUILD_CALLS / catchUp);

        platform().post("/admin/rebuild").then().statusCode(202);
        JsonPath status;
        do {
            TimeUnit.MILLISECONDS.sleep(500);
            status = platform().get("/admin/rebuild").jsonPath();
        } while ("RUNNING".equals(status.getString("state")));
        double took = Duration.between(Instant.parse(status.getString("startedAt")),
                Instant.parse(status.getString("finishedAt"))).toMillis() / 1000.0;
        System.out.printf("BENCH rebuild: %s, %d records read, %d applied in %.1f s = %.0f records/s "
                + "(schema creation, Kafka reading, parsing, projection and swap included)%n",
                status.getString("state"), status.getLong("recordsRead"), status.getLong("eventsApplied"), took,
                status.getLong("recordsRead") / took);
    }

    /**
     * 1M calls over two tenants and a year: 90% from 150,000 numbers per tenant (a few calls each), 10% from
     * 1,000 frequent callers (about 100 calls each). Numbers are looked up in proportion to their calls, as the
     * phone rings: one lookup in ten is a frequent caller.
     */
    private void callerHistory() throws Exception {
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(
                    """
                            insert into call_log (call_id, tenant_id, received_at, operator_id, site, addressee,
                                caller_name_status, caller_name, purpose_status, purpose, callback_number_status, callback_number,
                                urgency, callback_status, callback_due_at, callback_assignee, direction, chase_count, completed_at)
                            select md5('bench' || i)::uuid::text, case when i %% 5 < 3 then 'acme-jp' else 'globex-us' end,
                                timestamptz '2025-06-01' + i * interval '30 seconds', 'op-1', 'tokyo-1', '佐藤', 'PROVIDED',
                                '山田 太郎', 'PROVIDED', '見積もりの件', 'PROVIDED',
                                case when i %% 10 = 0 then '+8180' || lpad(((i / 10) %% 1000)::text, 8, '0')
                                     else '+8190' || lpad(((i::bigint * 7919) %% 150000)::text, 8, '0') end,
                                'NORMAL', case when i %% 20 = 0 then 'OPEN' else 'COMPLETED' end,
                                timestamptz '2025-06-01' + i * interval '30 seconds' + interval '2 hours', '佐藤', 'INBOUND',
                                case when i %% 50 = 0 then 1 else 0 end,
                                timestamptz '2025-06-01' + i * interval '30 seconds' + interval '1 hour'
                            from generate_series(1, %d) i on conflict do nothing"""
                            .formatted(HISTORY_CALLS));
            s.execute("vacuum analyze call_log");
        }
        System.out.printf("BENCH history data: %d calls inserted and analysed in %.1f s%n", HISTORY_CALLS,
                (System.nanoTime() - start) / 1e9);

        HttpClient http = HttpClient.newHttpClient();
        Random random = new Random(42);
        long[] micros = new long[LOOKUPS];
        int frequent = 0;
        for (int n = -500; n < LOOKUPS; n++) {
            long i = 1 + random.nextInt(HISTORY_CALLS);
            String tenant = i % 5 < 3 ? "acme-jp" : "globex-us";
            String number = i % 10 == 0
                    ? "+8180" + "%08d".formatted((i / 10) % 1000)
                    : "+8190" + "%08d".formatted((i * 7919) % 150000);
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/tenants/" + tenant + "/callers/"
                    + number.replace("+", "%2B") + "/history")).GET()
                    .header("Authorization", DemoKeys.bearer(DemoKeys.operator(tenant))).build();
            long t0 = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long took = (System.nanoTime() - t0) / 1000;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("history answered " + response.statusCode());
            }
            if (n >= 0) {
                micros[n] = took;
                frequent += i % 10 == 0 ? 1 : 0;
            }
        }
        Arrays.sort(micros);
        System.out.printf("BENCH caller history: %d sequential HTTP lookups (%d of frequent callers) on %d calls: "
                + "p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", LOOKUPS, frequent, HISTORY_CALLS,
                micros[LOOKUPS / 2] / 1000.0, micros[(int) Math.ceil(LOOKUPS * 0.99) - 1] / 1000.0,
                micros[LOOKUPS - 1] / 1000.0);
    }

    private RequestSpecification platform() {
        return given().baseUri(base.toString()).header("Authorization", DemoKeys.bearer(DemoKeys.PLATFORM));
    }

    /** {@link Stream#awaitConsumed()} waits 30 s; a backlog of 200,000 events may take longer on a busy machine. */
    private static void awaitConsumed(Duration atMost) {
        Instant end = Instant.now().plus(atMost);
        while (true) {
            try {
                Stream.awaitConsumed();
                return;
            } catch (AssertionError e) {
                if (Instant.now().isAfter(end)) {
                    throw e;
                }
            }
        }
    }

    /** Sends in 10 ms slots so the rate is steady rather than one burst per second; does not wait for acks. */
    private static int publishPaced(KafkaProducer<String, String> producer, int perSecond, int seconds)
            throws InterruptedException {
        int perSlot = Math.max(2, perSecond / 100);
        long slot = TimeUnit.MILLISECONDS.toNanos(10);
        long next = System.nanoTime();
        int sent = 0;
        for (int i = 0; i < seconds * 100; i++) {
            for (int j = 0; j < perSlot; j += 2) {
                Instant now = Instant.now();
                CallReceived call = Calls.of("globex-us", now).promised(now.plusSeconds(3600), "Smith").event();
                send(producer, call);
                send(producer, CallbackCompleted.of("globex-us", call.callId(), now, "Smith"));
                sent += 2;
            }
            next += slot;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        producer.flush();
        return sent;
    }

    private static void send(KafkaProducer<String, String> producer, OrikaeshiEvent event) {
        producer.send(new ProducerRecord<>(Stream.topicOf(event), event.key(), EventCodec.toJson(event)));
    }

    private static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, InfraTestResource.infra().kafkaBootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }
}
