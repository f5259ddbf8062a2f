package io.orikaeshi.intake.bench;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import io.orikaeshi.bench.CallBodies;
import io.orikaeshi.bench.CpuMeter;
import io.orikaeshi.infra.InfraSettings;
import io.orikaeshi.infra.LocalInfrastructure;
import io.orikaeshi.infra.LocalSystem;
import io.orikaeshi.infra.Ports;
import io.orikaeshi.infra.ServiceProcess;
import io.orikaeshi.infra.DemoKeys;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Durably accepted calls per second and accept latency, against intake running as its own process (as in
 * production: HTTP, JSON, validation, libphonenumber, chase lookup, call row + outbox row in one commit), beside the
 * raw limit: the same call row inserted and committed straight into the same PostgreSQL by the same number of
 * concurrent clients. Not a test: run it with benchmarks/intake/run.sh; results go in benchmarks/intake/README.md.
 *
 * <p>Arguments: concurrency, seconds per phase (defaults 32 and 30).
 */
public final class IntakeBenchmark {

    private static final String TENANT = "acme-jp";

    private static final TimeBasedEpochGenerator RAW_IDS = Generators.timeBasedEpochGenerator();

    public static void main(String[] args) throws Exception {
        int concurrency = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        Duration phase = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 30);
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path logs = Files.createTempDirectory("intake-bench-logs");
        try (LocalInfrastructure infra = LocalInfrastructure.start(InfraSettings.forTests(List.of("intake")))) {
            LocalSystem.ServiceSpec spec = LocalSystem.SERVICES.get(0).withHttpPort(Ports.free());
            // As deployed (the image runs the full JIT with a heap of its own), not the local run's C1-only 256 MB;
            // BENCH_SERVICE_ARGS adds JVM options, e.g. a flight recording.
            List<String> jvm = new ArrayList<>(List.of("-Xmx512m", "-XX:TieredStopAtLevel=4"));
            String extra = System.getenv("BENCH_SERVICE_ARGS");
            if (extra != null && !extra.isBlank()) {
                jvm.addAll(List.of(extra.trim().split("\\s+")));
            }
            ServiceProcess intake = ServiceProcess.start(spec.module(),
                    LocalSystem.quarkusRunJar(root, spec.module()),
                    LocalSystem.serviceEnv(infra, spec, root), jvm, logs.resolve(spec.module() + ".log"));
            try {
                String base = "http://127.0.0.1:" + spec.httpPort();
                intake.awaitHealthy(base + "/q/health/ready", Duration.ofSeconds(120));
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                // The load comes from one Vert.x event loop: the JDK client's thread per request took ~0.4 cores at
                // 1,000 calls/s from the 2 that intake shares with PostgreSQL and Kafka.
                Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
                io.vertx.core.http.HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                        .setDefaultHost("127.0.0.1").setDefaultPort(spec.httpPort()).setKeepAlive(true)
                        .setMaxPoolSize(concurrency));

                System.out.printf("concurrency %d, %d s per phase, %d cores%n", concurrency, phase.toSeconds(),
                        Runtime.getRuntime().availableProcessors());
                runAsync("warm-up (not counted)", concurrency, Duration.ofSeconds(Math.min(20, phase.toSeconds())),
                        client);
                CpuMeter cpu = cpuMeter(intake);
                cpu.start();
                Result api = runAsync("intake API", concurrency, phase, client);
                CpuMeter.Report apiCpu = cpu.stop();
                printGroupMetrics(http, base);
                long stored = count(infra, "select count(*) from received_call");
                cpu.start();
                Result raw = run("raw INSERT + COMMIT", concurrency, phase, rawInserter(infra));
                CpuMeter.Report rawCpu = cpu.stop();
                System.out.println();
                System.out.println("| path | calls/s | p50 ms | p99 ms | max ms |");
                System.out.println("|---|---:|---:|---:|---:|");
                System.out.println(api.row());
                System.out.println(raw.row());
                System.out.printf("%nintake / raw = %.2f; rows stored after the API phases: %d%n",
                        api.rate() / raw.rate(), stored);
                System.out.printf("%nWhere the cores went, intake API phase:%n%s", apiCpu.table(api.ok(), "call"));
                System.out.printf("%nWhere the cores went, raw phase:%n%s", rawCpu.table(raw.ok(), "row"));
                vertx.close().toCompletionStage().toCompletableFuture().join();
            } finally {
                intake.stop();
            }
        }
    }

    /**
     * CPU per call of each part: intake, PostgreSQL (every server process), and this JVM split into the Kafka broker,
     * the load generator (the Vert.x event loop, or the raw phase's JDBC threads) and the rest.
     */
    private static CpuMeter cpuMeter(ServiceProcess intake) {
        Map<String, Predicate<ProcessHandle>> processes = new LinkedHashMap<>();
        processes.put("intake-service", CpuMeter.pid(intake.pid()));
        processes.put("PostgreSQL", CpuMeter.command("postgres"));
        processes.put("benchmark JVM (load, Kafka broker)", CpuMeter.thisJvm());
        return new CpuMeter(processes, thread -> thread.startsWith("vert.x-eventloop")
                ? "load generator (Vert.x)"
                : thread.startsWith("Thread-")
                        ? "raw phase JDBC clients"
                        : thread.toLowerCase(Locale.ROOT)
                                .matches(".*(kafka|data-plane|raft|quorum|expirationreaper|broker).*")
                                        ? "Kafka broker"
                                        : "other threads");
    }

    /** How the group commit behaved (calls per transaction, time per transaction), from intake's own metrics. */
    private static void printGroupMetrics(HttpClient http, String base) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        metrics.lines().filter(l -> l.startsWith("orikaeshi_intake_group_")).forEach(l -> System.out.println("  " + l));
    }

    interface Op {
        boolean run(long i) throws Exception;
    }

    record Result(String name, long ok, long failed, double seconds, long[] latenciesMicros) {

        double rate() {
            return ok / seconds;
        }

        String row() {
            return String.format("| %s | %.0f | %.1f | %.1f | %.1f |", name, rate(), pct(0.50), pct(0.99),
                    latenciesMicros.length == 0 ? 0 : latenciesMicros[latenciesMicros.length - 1] / 1000.0);
        }

        double pct(double p) {
            return latenciesMicros.length == 0
                    ? 0
                    : latenciesMicros[(int) Math.min(latenciesMicros.length - 1,
                            Math.ceil(p * latenciesMicros.length) - 1)] / 1000.0;
        }
    }

    private static Result run(String name, int concurrency, Duration duration, Op op) throws InterruptedException {
        AtomicLong sequence = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        List<long[]> perThread = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        int[] counts = new int[concurrency];
        long start = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            long[] lat = new long[2_000_000 / concurrency];
            perThread.add(lat);
            int slot = t;
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long begin = System.nanoTime();
                    boolean ok;
                    try {
                        ok = op.run(sequence.incrementAndGet());
                    } catch (Exception e) {
                        ok = false;
                    }
                    if (!ok) {
                        failed.incrementAndGet();
                    } else if (counts[slot] < lat.length) {
                        lat[counts[slot]++] = (System.nanoTime() - begin) / 1000;
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return result(name, start, counts, perThread, failed.get());
    }

    /** The phase's rate and latencies, printed as it ends. */
    private static Result result(String name, long start, int[] counts, List<long[]> latencies, long failed) {
        double seconds = (System.nanoTime() - start) / 1e9;
        long total = Arrays.stream(counts).sum();
        long[] all = new long[(int) total];
        int at = 0;
        for (int t = 0; t < counts.length; t++) {
            System.arraycopy(latencies.get(t), 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        Result result = new Result(name, total, failed, seconds, all);
        System.out.printf("%-22s %8.0f/s  p50 %6.1f ms  p99 %6.1f ms  failed %d%n", name, result.rate(),
                result.pct(0.5), result.pct(0.99), failed);
        return result;
    }

    /** Closed loop like {@link #run}: {@code concurrency} requests in flight, each sent when the previous returned. */
    private static Result runAsync(String name, int concurrency, Duration duration,
            io.vertx.core.http.HttpClient client)
            throws InterruptedException {
        AtomicLong sequence = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long[][] latencies = new long[concurrency][2_000_000 / concurrency];
        int[] counts = new int[concurrency];
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int slot = 0; slot < concurrency; slot++) {
            int s = slot;
            Runnable[] next = new Runnable[1];
            next[0] = () -> {
                if (System.nanoTime() >= end) {
                    done.countDown();
                    return;
                }
                long begin = System.nanoTime();
                client.request(HttpMethod.POST, "/tenants/" + TENANT + "/calls")
                        .compose(request -> request.putHeader("Content-Type", "application/json")
                                .putHeader("Authorization", DemoKeys.bearer(DemoKeys.ACME_OPERATOR))
                                .send(CallBodies.call(sequence.incrementAndGet(), "見積もりの件")))
                        .compose(response -> response.body().map(ignored -> response.statusCode()))
                        .onComplete(result -> {
                            if (result.succeeded() && result.result() == 201) {
                                if (counts[s] < latencies[s].length) {
                                    latencies[s][counts[s]++] = (System.nanoTime() - begin) / 1000;
                                }
                            } else {
                                failed.incrementAndGet();
                            }
                            next[0].run();
                        });
            };
            next[0].run();
        }
        done.await();
        return result(name, start, counts, Arrays.asList(latencies), failed.get());
    }

    /** One connection per client thread, one row and one commit per call: what "durably stored" costs at least. */
    private static Op rawInserter(LocalInfrastructure infra) {
        ThreadLocal<PreparedStatement> statements = ThreadLocal.withInitial(() -> {
            try {
                Connection c = DriverManager.getConnection(infra.jdbcUrl("intake"), infra.dbUsername(),
                        infra.dbPassword());
                c.setAutoCommit(true);
                return c.prepareStatement(
                        """
                                insert into received_call (id, tenant_id, received_at, addressee, caller_name_status, caller_name,
                                    purpose_status, purpose, callback_number_status, callback_number, urgency, callback_status,
                                    callback_due_at, callback_assignee)
                                values (?, 'acme-jp', ?, '佐藤', 'PROVIDED', '山田 太郎', 'PROVIDED', '見積もりの件', 'PROVIDED', ?,
                                    'NORMAL', 'OPEN', ?, '佐藤')""");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return i -> {
            PreparedStatement insert = statements.get();
            Instant now = Instant.now();
            insert.setString(1, RAW_IDS.generate().toString()); // time-ordered, as intake's call ids
            insert.setTimestamp(2, Timestamp.from(now));
            insert.setString(3, "+8131234" + String.format("%04d", i % 10_000));
            insert.setTimestamp(4, Timestamp.from(now.plus(Duration.ofHours(2))));
            return insert.executeUpdate() == 1;
        };
    }

    private static long count(LocalInfrastructure infra, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl("intake"), infra.dbUsername(),
                infra.dbPassword());
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

}
