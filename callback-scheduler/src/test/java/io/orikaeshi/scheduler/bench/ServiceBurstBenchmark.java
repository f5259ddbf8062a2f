package io.orikaeshi.scheduler.bench;

import io.orikaeshi.events.Topics;
import io.orikaeshi.infra.InfraSettings;
import io.orikaeshi.infra.LocalInfrastructure;
import io.orikaeshi.infra.LocalSystem;
import io.orikaeshi.infra.Ports;
import io.orikaeshi.infra.ServiceProcess;
import io.orikaeshi.scheduler.repository.FiringBatch;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Burst drain of the service itself (not a test): the packaged callback-scheduler, as its own process with its
 * Hibernate Reactive firing path, on a durable PostgreSQL 17 and a Kafka broker. {@code count} open promises with
 * far-future overdue timers are stored, then one UPDATE makes them all due at the same instant; the benchmark watches
 * the pending count fall to zero (fired: timer, promise and outbox row committed) and the outbox empty (published to
 * Kafka by the relay).
 *
 * <p>Arguments: {@code count instances} (defaults 100000 1). Needs {@code target/quarkus-app} (package first);
 * run through {@code bench/service-burst.sh}.
 */
public final class ServiceBurstBenchmark {

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int instanceCount = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Path module = Path.of("").toAbsolutePath();
        Path root = module.getParent();
        Path dataDir = module.resolve("target").resolve("burst-data");
        FiringBenchmark.deleteRecursively(dataDir);
        InfraSettings settings = new InfraSettings(0, 0, 0, 0, dataDir, List.of("scheduler"), Topics.all());
        List<ServiceProcess> instances = new ArrayList<>();
        try (LocalInfrastructure infra = LocalInfrastructure.start(settings)) {
            for (int i = 0; i < instanceCount; i++) {
                int port = Ports.free();
                ServiceProcess instance = ServiceProcess.start("callback-scheduler-" + i,
                        LocalSystem.quarkusRunJar(root, "callback-scheduler"),
                        LocalSystem.serviceEnv(infra, "callback-scheduler", "scheduler", port, root),
                        // As deployed: the full JIT, a heap of its own.
                        List.of("-Xmx512m", "-XX:TieredStopAtLevel=4"),
                        module.resolve("target").resolve("burst-service-" + i + ".log"));
                instances.add(instance);
                instance.awaitHealthy("http://127.0.0.1:" + port + "/q/health/ready", Duration.ofMinutes(3));
            }
            try (Connection db = DriverManager.getConnection(infra.jdbcUrl("scheduler") + "?reWriteBatchedInserts=true",
                    infra.dbUsername(), infra.dbPassword())) {
                store(db, count);
                try (Statement sql = db.createStatement()) {
                    sql.execute("vacuum analyze deadline_timer");
                    sql.execute("vacuum analyze deadline");
                }
                db.setAutoCommit(false);
                try (Statement sql = db.createStatement()) {
                    sql.executeUpdate("update deadline_timer set fire_at = now() where state = 'PENDING'");
                }
                db.commit();
                long due = System.nanoTime();
                db.setAutoCommit(true);
                log("claim plan as the service's first round sees it:" + plan(db));
                // Whether any is left, not how many: a count over 100,000 rows every 50 ms would take CPU from the service.
                long fired = waitUntilNone(db, "select exists (select 1 from deadline_timer where state = 'PENDING')");
                double firedSeconds = (fired - due) / 1e9;
                long published = waitUntilNone(db, "select exists (select 1 from outbox)");
                double publishedSeconds = (published - due) / 1e9;
                log(String.format(Locale.ROOT, "%d instance(s): %,d due at one instant fired in %.1f s = %,.0f/s; "
                        + "published to Kafka after %.1f s = %,.0f/s", instanceCount, count, firedSeconds,
                        count / firedSeconds, publishedSeconds, count / publishedSeconds));
            }
        } finally {
            instances.forEach(ServiceProcess::stop);
        }
    }

    /**
     * Open promises whose overdue timers are far in the future (not due before the UPDATE), stored dormant as the
     * service stores them a day ahead: the UPDATE then makes them due without arming them, so the service's rounds
     * must arm and fire them (the case of arming lagging behind, at its largest).
     */
    private static void store(Connection db, int count) throws Exception {
        Instant later = Instant.now().plus(Duration.ofDays(1));
        db.setAutoCommit(false);
        try (PreparedStatement deadline = db.prepareStatement("insert into deadline (call_id, tenant_id, due_at, "
                + "version, assignee, assignee_kind, promised_at, state) values (?, 'acme-jp', ?, 1, 'op-1', "
                + "'PERSON', ?, 'OPEN')");
                PreparedStatement timer = db.prepareStatement("insert into deadline_timer (call_id, kind, level, "
                        + "fire_at, promise_version, state, armed) values (?, 'OVERDUE', 0, ?, 1, 'PENDING', false)")) {
            for (int i = 0; i < count; i++) {
                String callId = CallIds.V7.next();
                deadline.setString(1, callId);
                deadline.setTimestamp(2, Timestamp.from(later));
                deadline.setTimestamp(3, Timestamp.from(Instant.now()));
                deadline.addBatch();
                timer.setString(1, callId);
                timer.setTimestamp(2, Timestamp.from(later));
                timer.addBatch();
                if ((i + 1) % 5_000 == 0 || i == count - 1) {
                    deadline.executeBatch();
                    timer.executeBatch();
                    db.commit();
                }
            }
        }
        db.setAutoCommit(true);
        log("stored " + count + " open promises");
    }

    /** EXPLAIN (no ANALYZE: nothing locked) of the service's claim, planned as the service plans it. */
    private static String plan(Connection db) throws Exception {
        StringBuilder plan = new StringBuilder();
        db.setAutoCommit(false);
        try (Statement planning = db.createStatement();
                PreparedStatement explain = db
                        .prepareStatement("explain " + FiringBatch.CLAIM.replaceAll("\\?\\d+", "?"))) {
            planning.execute(FiringBatch.CLAIM_IN_DUE_ORDER);
            explain.setTimestamp(1, Timestamp.from(Instant.now()));
            explain.setInt(2, 500);
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    plan.append("\n    ").append(rows.getString(1));
                }
            }
        } finally {
            db.rollback();
            db.setAutoCommit(true);
        }
        return plan.toString();
    }

    private static long waitUntilNone(Connection db, String existsQuery) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        try (PreparedStatement query = db.prepareStatement(existsQuery)) {
            while (System.nanoTime() < deadline) {
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    if (!row.getBoolean(1)) {
                        return System.nanoTime();
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("not drained within 15 minutes: " + existsQuery);
    }

    private static void log(String line) {
        System.out.println(Instant.now() + " " + line);
    }
}
