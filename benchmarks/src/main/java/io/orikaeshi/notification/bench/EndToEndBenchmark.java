package io.orikaeshi.notification.bench;

import io.orikaeshi.events.Topics;
import io.orikaeshi.bench.CallBodies;
import io.orikaeshi.bench.CpuMeter;
import io.orikaeshi.infra.InfraSettings;
import io.orikaeshi.infra.LocalInfrastructure;
import io.orikaeshi.infra.LocalSystem;
import io.orikaeshi.infra.MailCatcher;
import io.orikaeshi.infra.ReceivedMail;
import io.orikaeshi.infra.Ports;
import io.orikaeshi.infra.ServiceProcess;
import io.orikaeshi.infra.DemoKeys;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End to end, from intake's 201 to the SMTP server's acceptance of the call's report mail: Kafka, PostgreSQL and
 * GreenMail from local-infra, intake-service and notification-service as their own processes (their quarkus-run.jar,
 * as the local run starts them), and an open-loop client posting {@code POST /tenants/acme-jp/calls} with the demo
 * operator key at a fixed rate from one Vert.x event loop, whatever the answers' latency. A benchmark, not a test: see benchmarks/notification/README.md.
 *
 * <p>Arguments: rates per second, comma-separated, each run in turn (default 500), and seconds per rate (default 30).
 */
public final class EndToEndBenchmark {

    private static final String TENANT = "acme-jp";
    private static final Pattern CALL_ID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\s*$");
    /** How long after the last 201 the report mails may still come before the run counts them missing. */
    private static final Duration DRAIN = Duration.ofSeconds(120);
    /** Distinct callback numbers across every phase: a repeated number with an open promise would be a chase. */
    private static final AtomicLong NUMBERS = new AtomicLong();
    private static final String AUTHORIZATION = DemoKeys.bearer(DemoKeys.ACME_OPERATOR);
    /** Keep-alive connections to intake: enough that an answer slower than the schedule's step does not queue the next. */
    private static final int CONNECTIONS = 64;
    private static final int WARM_UP_SECONDS = 40;
    private static final Duration IDLE = Duration.ofSeconds(10);

    private EndToEndBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] rates = BenchSupport.rates(args, 0, "500");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path root = LocalSystem.repositoryRoot();
        Path logs = BenchSupport.logs(root);
        try (LocalInfrastructure infra = LocalInfrastructure.start(
                InfraSettings.forTests(List.of("intake", "notification")))) {
            int intakePort = Ports.free();
            int notificationPort = Ports.free();
            ServiceProcess intake = null;
            ServiceProcess notification = null;
            Vertx vertx = null;
            try {
                List<String> intakeJvm = BenchSupport.deployedJvm();
                // Only acme-jp's flood protection is raised: the run measures the path, not the limit.
                List<String> notificationJvm = BenchSupport.deployedJvm(
                        "-Dorikaeshi.tenants.acme-jp.notifications.sending-limit=100000000");
                System.out.println("intake JVM args: " + intakeJvm + "; notification JVM args: " + notificationJvm);
                intake = ServiceProcess.start("intake-service", intakeJar(root),
                        LocalSystem.serviceEnv(infra, "intake-service", "intake", intakePort, root), intakeJvm,
                        logs.resolve("e2e-intake-service.log"));
                notification = ServiceProcess.start("notification-service",
                        LocalSystem.quarkusRunJar(root, "notification-service"),
                        LocalSystem.serviceEnv(infra, "notification-service", "notification", notificationPort, root),
                        notificationJvm, logs.resolve("e2e-notification-service.log"));
                intake.awaitHealthy("http://127.0.0.1:" + intakePort + "/q/health/ready", Duration.ofMinutes(3));
                notification.awaitHealthy("http://127.0.0.1:" + notificationPort + "/q/health/ready",
                        Duration.ofMinutes(3));
                // The load comes from one Vert.x event loop: the JDK client's thread per request cost ~0.4 cores at
                // 1,000 calls/s in intake's benchmark, on the 2 cores the services share.
                vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                        .setInternalBlockingPoolSize(1));
                HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
                        .setDefaultPort(intakePort).setKeepAlive(true).setMaxPoolSize(CONNECTIONS));
                MailCatcher mail = infra.mail();
                RecordTimes published = RecordTimes.follow(infra.kafkaBootstrapServers(), Topics.CALL_EVENTS);
                Map<String, ServiceProcess> services = new LinkedHashMap<>();
                services.put("intake-service", intake);
                services.put("notification-service", notification);
                CpuMeter cpu = BenchSupport.cpuMeter(services);
                CpuMeter threads = BenchSupport.threadMeter(services);

                // With the full JIT the first few thousand calls compile (C2) on the same 2 cores: 10 s at 100/s left
                // the services compiling through the first measured phase (~2 of the 2 cores busy at 100 calls/s).
                System.out.printf("cores %d; warm-up: 100 calls/s for %d s (not counted)%n",
                        Runtime.getRuntime().availableProcessors(), WARM_UP_SECONDS);
                phase(vertx, http, mail, 100, WARM_UP_SECONDS, null, null);
                // What the system costs with no load at all (pollers, heartbeats, timers): at low rates it is a large
                // part of the CPU per call.
                Thread.sleep(3000);
                cpu.start();
                Thread.sleep(IDLE.toMillis());
                CpuMeter.Report idle = cpu.stop();
                System.out.printf("%nIdle (no calls) for %d s:%n%s", IDLE.toSeconds(), idle.table(0, "call"));
                List<String> rows = new ArrayList<>();
                List<String> splits = new ArrayList<>();
                List<String> budgets = new ArrayList<>();
                List<String> threadTables = new ArrayList<>();
                for (int rate : rates) {
                    System.out.printf("%n%d calls/s for %d s ...%n", rate, seconds);
                    CpuMeter.Report[] reports = new CpuMeter.Report[2];
                    Phase result = phase(vertx, http, mail, rate, seconds, new CpuMeter[]{cpu, threads}, reports);
                    System.out.println(result.summary());
                    rows.add(result.row());
                    splits.add(rate + " calls/s:\n" + new StageSplit("201", result.acceptedAt())
                            .then("on Kafka", published.snapshot())
                            .then("queued", StageSplit.queuedAt(infra))
                            .then("SMTP accepted", result.reportedAt()).render());
                    budgets.add(rate + " calls/s offered, from the first request to the last report:\n"
                            + reports[0].table(result.accepted(), "call"));
                    threadTables.add(rate + " calls/s:\n" + reports[1].table(result.accepted(), "call"));
                }
                System.out.println();
                System.out.println("| offered calls/s | 201s | achieved 201/s | non-201 | 201 p50 / p99 ms (intake,"
                        + " from the scheduled instant) | reports | missing | doubled | 201 -> SMTP p50 ms | p99 ms"
                        + " | max ms |");
                System.out.println("|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|");
                rows.forEach(System.out::println);
                System.out.println("\nWhere the time goes, per call (the 201, the CallReceived record's timestamp on"
                        + " Kafka, the ledger row's created_at, SMTP acceptance):");
                splits.forEach(System.out::println);
                System.out.println("\nWhere the cores went (CPU ms per call answered 201):");
                budgets.forEach(System.out::println);
                Path threadFile = logs.resolve("e2e-threads.md");
                Files.writeString(threadFile, String.join("\n", threadTables));
                System.out.println("(the benchmark JVM's CPU per thread name: " + threadFile + ")");
                published.close();
            } finally {
                if (vertx != null) {
                    vertx.close().toCompletionStage().toCompletableFuture().join();
                }
                if (notification != null) {
                    notification.stop();
                }
                if (intake != null) {
                    intake.stop();
                }
            }
        }
    }

    record Phase(int rate, int offered, int accepted, int rejected, double achieved, double acceptP50,
            double acceptP99, int reported, int missing, int doubled, double[] latencies,
            Map<String, Instant> acceptedAt, Map<String, Instant> reportedAt) {

        double pct(double p) {
            return latencies.length == 0
                    ? Double.NaN
                    : latencies[(int) Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)];
        }

        double max() {
            return latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1];
        }

        String summary() {
            return String.format("offered %d, 201 %d (%.0f/s), non-201 %d; reports %d, missing %d, doubled %d; "
                    + "201 -> SMTP p50 %.1f ms, p99 %.1f ms, max %.1f ms", offered, accepted, achieved, rejected,
                    reported, missing, doubled, pct(0.50), pct(0.99), max());
        }

        String row() {
            return String.format("| %d | %d | %.0f | %d | %.1f / %.1f | %d | %d | %d | %.1f | %.1f | %.1f |", rate,
                    accepted, achieved, rejected, acceptP50, acceptP99, reported, missing, doubled, pct(0.50),
                    pct(0.99), max());
        }
    }

    /**
     * Posts {@code rate * seconds} calls, each at its own instant of a fixed schedule (open loop: a slow answer does
     * not slow the offered rate; a pacer thread hands each request to the client's event loop at its instant), then
     * waits for their report mails and matches each mail to its call by call id. The meters, if any, cover the
     * first request to the last report.
     */
    private static Phase phase(Vertx vertx, HttpClient http, MailCatcher mail, int rate, int seconds,
            CpuMeter[] meters, CpuMeter.Report[] reports) throws Exception {
        mail.purge();
        int count = rate * seconds;
        Map<String, Instant> acceptedAt = new ConcurrentHashMap<>();
        double[] acceptLatencies = new double[count];
        AtomicInteger rejected = new AtomicInteger();
        CountDownLatch answered = new CountDownLatch(count);
        Context loop = vertx.getOrCreateContext();
        if (meters != null) {
            for (CpuMeter meter : meters) {
                meter.start();
            }
        }
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            int slot = i;
            String body = CallBodies.call(NUMBERS.getAndIncrement(), "納期のご確認");
            loop.runOnContext(ignored -> http.request(HttpMethod.POST, "/tenants/" + TENANT + "/calls")
                    .compose(request -> request.putHeader("Content-Type", "application/json")
                            .putHeader("Authorization", AUTHORIZATION).send(body))
                    .compose(response -> response.body().map(ignoredBody -> response))
                    .onComplete(result -> {
                        Instant now = Instant.now();
                        // From the scheduled instant: a request held back by a busy client or a full pool counts.
                        acceptLatencies[slot] = (System.nanoTime() - due) / 1e6;
                        if (result.succeeded() && result.result().statusCode() == 201) {
                            String location = result.result().getHeader("Location");
                            acceptedAt.put(location.substring(location.lastIndexOf('/') + 1), now);
                        } else {
                            rejected.incrementAndGet();
                        }
                        answered.countDown();
                    }));
        }
        answered.await();
        double sendingSeconds = (System.nanoTime() - start) / 1e9;
        int accepted = acceptedAt.size();
        if (!BenchSupport.awaitCount(mail, accepted, DRAIN)) {
            System.out.println("Not every report arrived within " + DRAIN + " of the last 201");
        }
        if (meters != null) {
            for (int m = 0; m < meters.length; m++) {
                reports[m] = meters[m].stop();
            }
        }
        Thread.sleep(2000); // a doubled mail would come right after the first
        Map<String, Integer> mailsPerCall = new HashMap<>();
        List<Double> latencies = new ArrayList<>();
        Map<String, Instant> reportedAt = new HashMap<>();
        int strays = 0;
        for (ReceivedMail m : mail.messages()) {
            Matcher id = CALL_ID.matcher(m.textBody().strip());
            String callId = id.find() ? id.group().strip() : null;
            Instant at = callId == null ? null : acceptedAt.get(callId);
            if (at == null) {
                strays++; // a late report of an earlier phase
                continue;
            }
            if (mailsPerCall.merge(callId, 1, Integer::sum) == 1) {
                latencies.add(Duration.between(at, m.receivedAt()).toNanos() / 1e6);
                reportedAt.put(callId, m.receivedAt());
            }
        }
        int doubled = (int) mailsPerCall.values().stream().filter(n -> n > 1).count();
        if (strays > 0) {
            System.out.println(strays + " mail(s) of an earlier phase arrived during this one (not counted)");
        }
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] accept = acceptLatencies.clone();
        Arrays.sort(accept);
        return new Phase(rate, count, accepted, rejected.get(), accepted / sendingSeconds,
                accept[(int) Math.ceil(0.50 * count) - 1], accept[(int) Math.ceil(0.99 * count) - 1],
                mailsPerCall.size(), accepted - mailsPerCall.size(), doubled, sorted, acceptedAt, reportedAt);
    }

    /**
     * intake's quarkus-run.jar: this checkout's, or BENCH_INTAKE_APP's (a quarkus-app directory), so the run can take
     * an intake built elsewhere (another worktree) beside this notification-service.
     */
    private static Path intakeJar(Path root) {
        String app = System.getenv("BENCH_INTAKE_APP");
        Path jar = app == null || app.isBlank()
                ? LocalSystem.quarkusRunJar(root, "intake-service")
                : Path.of(app).resolve("quarkus-run.jar");
        System.out.println("intake: " + jar);
        return jar;
    }

}
