package io.orikaeshi.notification.bench;

import io.orikaeshi.events.Topics;
import io.orikaeshi.infra.InfraSettings;
import io.orikaeshi.infra.LocalInfrastructure;
import io.orikaeshi.infra.LocalSystem;
import io.orikaeshi.infra.MailCatcher;
import io.orikaeshi.infra.ReceivedMail;
import io.orikaeshi.infra.ServiceProcess;
import io.orikaeshi.infra.testing.DemoKeys;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End to end, from intake's 201 to the SMTP server's acceptance of the call's report mail: Kafka, PostgreSQL and
 * GreenMail from local-infra, intake-service and notification-service as their own processes (their quarkus-run.jar,
 * as the local run starts them), and an open-loop client posting {@code POST /tenants/acme-jp/calls} with the demo
 * operator key at a fixed rate, whatever the answers' latency. A benchmark, not a test: see bench/README.md.
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

    private EndToEndBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] rates = Arrays.stream((args.length > 0 ? args[0] : "500").split(",")).mapToInt(Integer::parseInt).toArray();
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path root = BenchSupport.root();
        Path logs = root.resolve("notification-service/target/bench");
        Files.createDirectories(logs);
        try (LocalInfrastructure infra = LocalInfrastructure.start(
                InfraSettings.forTests(List.of("intake", "notification")))) {
            int intakePort = BenchSupport.freePort();
            int notificationPort = BenchSupport.freePort();
            ServiceProcess intake = null;
            ServiceProcess notification = null;
            try {
                intake = ServiceProcess.start("intake-service", intakeJar(root),
                        LocalSystem.serviceEnv(infra, "intake-service", "intake", intakePort, root), List.of(),
                        logs.resolve("e2e-intake-service.log"));
                notification = ServiceProcess.start("notification-service",
                        LocalSystem.quarkusRunJar(root, "notification-service"),
                        LocalSystem.serviceEnv(infra, "notification-service", "notification", notificationPort, root),
                        // Only acme-jp's flood protection is raised: the run measures the path, not the limit.
                        notificationArgs(),
                        logs.resolve("e2e-notification-service.log"));
                intake.awaitHealthy("http://127.0.0.1:" + intakePort + "/q/health/ready", Duration.ofMinutes(3));
                notification.awaitHealthy("http://127.0.0.1:" + notificationPort + "/q/health/ready",
                        Duration.ofMinutes(3));
                String base = "http://127.0.0.1:" + intakePort;
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                MailCatcher mail = infra.mail();
                RecordTimes published = RecordTimes.follow(infra.kafkaBootstrapServers(), Topics.CALL_EVENTS);

                System.out.printf("cores %d; warm-up: 100 calls/s for 10 s (not counted)%n",
                        Runtime.getRuntime().availableProcessors());
                phase(http, base, mail, 100, 10);
                List<String> rows = new ArrayList<>();
                List<String> splits = new ArrayList<>();
                for (int rate : rates) {
                    System.out.printf("%n%d calls/s for %d s ...%n", rate, seconds);
                    Phase result = phase(http, base, mail, rate, seconds);
                    System.out.println(result.summary());
                    rows.add(result.row());
                    splits.add(rate + " calls/s:\n" + new StageSplit("201", result.acceptedAt())
                            .then("on Kafka", published.snapshot())
                            .then("queued", StageSplit.queuedAt(infra))
                            .then("SMTP accepted", result.reportedAt()).render());
                }
                System.out.println();
                System.out.println("| offered calls/s | 201s | achieved 201/s | non-201 | 201 p50 / p99 ms (intake) "
                        + "| reports | missing | doubled | 201 -> SMTP p50 ms | p99 ms | max ms |");
                System.out.println("|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|");
                rows.forEach(System.out::println);
                System.out.println("\nWhere the time goes, per call (the 201, the CallReceived record's timestamp on"
                        + " Kafka, the ledger row's created_at, SMTP acceptance):");
                splits.forEach(System.out::println);
                published.close();
            } finally {
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
            return latencies.length == 0 ? Double.NaN
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
     * not slow the offered rate), then waits for their report mails and matches each mail to its call by call id.
     */
    private static Phase phase(HttpClient http, String base, MailCatcher mail, int rate, int seconds)
            throws Exception {
        mail.purge();
        int count = rate * seconds;
        Map<String, Instant> acceptedAt = new ConcurrentHashMap<>();
        double[] acceptLatencies = new double[count];
        AtomicInteger rejected = new AtomicInteger();
        List<CompletableFuture<Void>> inFlight = new ArrayList<>(count);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            int slot = i;
            long sent = System.nanoTime();
            inFlight.add(http.sendAsync(request(base), HttpResponse.BodyHandlers.discarding())
                    .handle((response, failure) -> {
                        Instant now = Instant.now();
                        acceptLatencies[slot] = (System.nanoTime() - sent) / 1e6;
                        if (failure == null && response.statusCode() == 201) {
                            String location = response.headers().firstValue("Location").orElseThrow();
                            acceptedAt.put(location.substring(location.lastIndexOf('/') + 1), now);
                        } else {
                            rejected.incrementAndGet();
                        }
                        return null;
                    }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
        double sendingSeconds = (System.nanoTime() - start) / 1e9;
        int accepted = acceptedAt.size();
        try {
            mail.awaitMessages(m -> true, accepted, DRAIN);
        } catch (AssertionError e) {
            System.out.println("Not every report arrived within " + DRAIN + " of the last 201");
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

    /** BENCH_SERVICE_ARGS adds JVM arguments to notification-service (e.g. a flight recording), as in ReportBenchmark. */
    private static List<String> notificationArgs() {
        List<String> args = new ArrayList<>(List.of("-Dorikaeshi.tenants.acme-jp.notifications.sending-limit=100000000"));
        String extra = System.getenv("BENCH_SERVICE_ARGS");
        if (extra != null && !extra.isBlank()) {
            args.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        return args;
    }

    /**
     * intake's quarkus-run.jar: this checkout's, or BENCH_INTAKE_APP's (a quarkus-app directory), so the run can take
     * an intake built elsewhere (another worktree) beside this notification-service.
     */
    private static Path intakeJar(Path root) {
        String app = System.getenv("BENCH_INTAKE_APP");
        Path jar = app == null || app.isBlank() ? LocalSystem.quarkusRunJar(root, "intake-service")
                : Path.of(app).resolve("quarkus-run.jar");
        System.out.println("intake: " + jar);
        return jar;
    }

    private static HttpRequest request(String base) {
        long n = NUMBERS.getAndIncrement();
        String number = String.format("03-%04d-%04d", 1000 + (n / 10_000) % 9000, n % 10_000);
        String body = """
                {"addressee": "佐藤", "callerName": {"status": "PROVIDED", "value": "山田 太郎"},
                 "purpose": {"status": "PROVIDED", "value": "納期のご確認"},
                 "callbackNumber": {"status": "PROVIDED", "value": "%s"},
                 "callback": {"dueAt": "%s", "assignee": "佐藤"}}
                """.formatted(number, Instant.now().plus(Duration.ofHours(2)).toString());
        return HttpRequest.newBuilder(URI.create(base + "/tenants/" + TENANT + "/calls"))
                .header("Content-Type", "application/json")
                .header("Authorization", DemoKeys.bearer(DemoKeys.ACME_OPERATOR))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
