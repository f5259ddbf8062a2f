package io.orikaeshi.scheduler.bench;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.orikaeshi.infra.InfraSettings;
import io.orikaeshi.infra.LocalInfrastructure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Firing benchmark (not a test): the timer-table design of callback-scheduler against db-scheduler, same workload,
 * same PostgreSQL 17 (durable: fsync on), same run. See bench/README.md for how to run it and the results.
 *
 * <p>Per implementation: a 10 s warm-up at 1,000/s (not reported); fill {@code small} far-future timers,
 * 1,000/s falling due for {@code steadySeconds} (lateness); fill up to {@code large}, the same steady phase, then a
 * burst of 100,000 due at one instant (drain rate); optionally bulk-fill server-side up to {@code huge} less 100,000,
 * insert those 100,000 with the ordinary batched statements (the insert rate at that size) and the steady phase again.
 *
 * <p>Arguments: {@code small large huge steadySeconds implementations ids} (defaults 100000 1000000 0 30 all v7);
 * implementations is a comma list of {@code timers,dbs10s,dbs250ms}; ids is {@code v7} (call ids as intake mints
 * them) or {@code random} (v4, to compare).
 */
public final class FiringBenchmark {

    private static final int DUE_PER_SECOND = 1_000;
    private static final int BURST = 100_000;
    /** Timers inserted to measure the insert rate into a bulk-filled table: as many as the small size fills. */
    private static final int SAMPLE = 100_000;
    /** Timers fired before anything is measured, so the first phase does not pay for a cold JIT and server. */
    private static final int WARM_UP_SECONDS = 10;

    record Steady(long pending, double insertRate, double p50, double p99, double max, String complete) {
    }

    record Result(String name, List<Steady> steady, double burstDrainRate, String burstComplete) {
    }

    public static void main(String[] args) throws Exception {
        long small = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
        long large = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        long huge = args.length > 2 ? Long.parseLong(args[2]) : 0;
        int steadySeconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        List<String> chosen = List.of((args.length > 4 ? args[4] : "timers,dbs10s,dbs250ms").split(","));
        CallIds ids = CallIds.parse(args.length > 5 ? args[5] : "v7");

        Path dataDir = Path.of("target", "bench-data").toAbsolutePath();
        deleteRecursively(dataDir);
        // A data directory of our own, not a temporary test one: PostgreSQL runs durable (fsync on), as in production.
        InfraSettings settings = new InfraSettings(0, 0, 0, 0, dataDir, List.of("bench"), List.of());
        List<Result> results = new ArrayList<>();
        try (LocalInfrastructure infra = LocalInfrastructure.start(settings);
                AgroalDataSource dataSource = dataSource(infra)) {
            allowCheckpoints(infra);
            CallIds.install(dataSource);
            log("call ids " + ids + "; server: " + IoStats.settings(dataSource));
            List<Function<AgroalDataSource, Workload>> workloads = new ArrayList<>();
            if (chosen.contains("timers")) {
                workloads.add(ds -> new TimerTableWorkload(ds, 1, ids));
            }
            if (chosen.contains("dbs10s")) {
                workloads.add(ds -> new DbSchedulerWorkload(ds, Duration.ofSeconds(10), ids));
            }
            if (chosen.contains("dbs250ms")) {
                workloads.add(ds -> new DbSchedulerWorkload(ds, Duration.ofMillis(250), ids));
            }
            for (Function<AgroalDataSource, Workload> workload : workloads) {
                try (Workload run = workload.apply(dataSource)) {
                    results.add(run(run, dataSource, small, large, huge, steadySeconds));
                }
            }
        }
        System.out.println(report(results, steadySeconds));
    }

    private static Result run(Workload workload, AgroalDataSource dataSource, long small, long large, long huge,
            int steadySeconds) throws Exception {
        log("== " + workload.name());
        workload.createSchema();
        vacuum(dataSource);
        Lateness lateness = new Lateness();
        workload.start(lateness);
        log("warm-up (not reported)");
        steady(workload, lateness, 0, 0, WARM_UP_SECONDS);
        List<Steady> steady = new ArrayList<>();
        long pending = 0;
        double rate = fill(workload, dataSource, small);
        pending += small;
        vacuum(dataSource);
        steady.add(steady(workload, lateness, pending, rate, steadySeconds));
        rate = fill(workload, dataSource, large - pending);
        pending = large;
        vacuum(dataSource);
        steady.add(steady(workload, lateness, pending, rate, steadySeconds));

        workload.pause();
        Thread.sleep(1_000); // let a round in flight finish
        lateness.reset();
        Instant due = Instant.now();
        workload.insert(BURST, i -> due);
        long resumed = System.nanoTime();
        workload.resume();
        boolean drained = lateness.awaitCount(BURST, Duration.ofMinutes(10));
        double drainRate = lateness.count() / ((lateness.lastRecordedNanos() - resumed) / 1e9);
        log(String.format(Locale.ROOT, "burst of %d drained at %.0f/s%s", BURST, drainRate,
                drained ? "" : " (INCOMPLETE: " + lateness.count() + ")"));
        String burstComplete = drained ? "yes" : lateness.count() + " of " + BURST;

        if (huge > large) {
            // The bulk is made by the server (batched inserts of 10 M took 20-30 minutes); the insert rate is then
            // measured as at the small size: the same batched statements storing SAMPLE timers, into the full table.
            long bulk = huge - large - SAMPLE;
            long started = System.nanoTime();
            IoStats before = IoStats.take(dataSource);
            workload.bulkFill(bulk, Instant.now().plus(Duration.ofDays(1)), Duration.ofDays(1).toMillis());
            log(String.format(Locale.ROOT, "bulk-filled %d far-future timers server-side in %.0f s:%s", bulk,
                    (System.nanoTime() - started) / 1e9, IoStats.take(dataSource).since(before, bulk)));
            vacuum(dataSource);
            rate = fill(workload, dataSource, SAMPLE);
            steady.add(steady(workload, lateness, huge, rate, steadySeconds));
        }
        return new Result(workload.name(), steady, drainRate, burstComplete);
    }

    /**
     * Far-future timers, spread over a day from tomorrow: pending throughout the run, never due. Each lands at a
     * pseudo-random place among the pending ones in fire time, as in production, where a promise is due minutes to
     * days after its call (among promises made earlier, due sooner and later); the timers' call ids, by contrast,
     * grow with insertion time (UUIDv7). Logs what each index cost the inserts (IoStats).
     *
     * <p>Every measured fill starts right after a checkpoint, at every size. Without it, the 10 M sample was measured
     * while the checkpointer was still writing out the bulk fill (gigabytes of WAL written minutes earlier, which a
     * table grown to 10 M in production did not write in the last minutes), and the 100 k fill was not. After a
     * checkpoint, the first change of each page logs the whole page (full_page_writes): the inserts pay that for
     * every index page they touch, which is the cost of an index that does not fit in memory.
     */
    private static double fill(Workload workload, AgroalDataSource dataSource, long count) throws Exception {
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
        long spreadMillis = Duration.ofDays(1).toMillis();
        try (var db = dataSource.getConnection(); var sql = db.createStatement()) {
            sql.execute("checkpoint");
        }
        IoStats before = IoStats.take(dataSource);
        double rate = workload.insert(count, i -> tomorrow.plusMillis((i * 7919) % spreadMillis));
        log(String.format(Locale.ROOT, "filled %d far-future timers at %.0f/s:%s", count, rate,
                IoStats.take(dataSource).since(before, count)));
        return rate;
    }

    /** 1,000 timers a second falling due for {@code seconds}, inserted up front; lateness of each firing. */
    private static Steady steady(Workload workload, Lateness lateness, long pending, double insertRate, int seconds)
            throws Exception {
        long count = (long) DUE_PER_SECOND * seconds;
        // Due times start once the inserts are surely done (inserting runs at well over 10,000/s).
        Instant first = Instant.now().plusSeconds(3 + count / 10_000);
        lateness.reset();
        workload.insert(count, i -> first.plusNanos(i * 1_000_000_000L / DUE_PER_SECOND));
        String plan = workload.firingPlan();
        if (plan != null) {
            log("firing plan:" + plan);
        }
        if (Instant.now().isAfter(first)) {
            log("WARNING: inserting the steady phase ran past its first due time");
        }
        boolean complete = lateness.awaitCount(count, Duration.ofSeconds(seconds + 3 + count / 10_000 + 60));
        Steady result = new Steady(pending, insertRate, lateness.p50Millis(), lateness.p99Millis(),
                lateness.maxMillis(), complete ? "yes" : lateness.count() + " of " + count);
        log(String.format(Locale.ROOT, "%d pending, %d/s due: lateness p50 %.1f ms, p99 %.1f ms, max %.1f ms%s",
                pending, DUE_PER_SECOND, result.p50(), result.p99(), result.max(),
                complete ? "" : " (INCOMPLETE: " + result.complete() + ")"));
        return result;
    }

    private static String report(List<Result> results, int steadySeconds) {
        StringBuilder out = new StringBuilder("\n| Implementation | Pending | Insert rate (timers/s) | "
                + "Lateness p50 / p99 / max (ms), " + DUE_PER_SECOND + "/s due for " + steadySeconds + " s | "
                + "All fired |\n|---|---:|---:|---|---|\n");
        for (Result result : results) {
            for (Steady s : result.steady()) {
                out.append(String.format(Locale.ROOT, "| %s | %,d | %,.0f | %.1f / %.1f / %.1f | %s |%n",
                        result.name(), s.pending(), s.insertRate(), s.p50(), s.p99(), s.max(), s.complete()));
            }
        }
        out.append("\n| Implementation | Burst of ").append(String.format(Locale.ROOT, "%,d", BURST))
                .append(" due at one instant: drain rate (timers/s) | All fired |\n|---|---:|---|\n");
        for (Result result : results) {
            out.append(String.format(Locale.ROOT, "| %s | %,.0f | %s |%n", result.name(), result.burstDrainRate(),
                    result.burstComplete()));
        }
        return out.toString();
    }

    /** CHECKPOINT needs pg_checkpoint (PostgreSQL 15+), which only the superuser of the embedded server may grant. */
    private static void allowCheckpoints(LocalInfrastructure infra) throws java.sql.SQLException {
        java.util.Properties superuser = new java.util.Properties();
        superuser.setProperty("user", "postgres");
        try (var db = new org.postgresql.Driver().connect(infra.jdbcUrl("bench"), superuser);
                var sql = db.createStatement()) {
            sql.execute("grant pg_checkpoint to " + infra.dbUsername());
        }
    }

    private static AgroalDataSource dataSource(LocalInfrastructure infra) throws java.sql.SQLException {
        String url = infra.jdbcUrl("bench") + (infra.jdbcUrl("bench").contains("?") ? "&" : "?")
                + "reWriteBatchedInserts=true";
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(40)
                        .connectionFactoryConfiguration(factory -> factory.jdbcUrl(url)
                                .principal(new NamePrincipal(infra.dbUsername()))
                                .credential(new SimplePassword(infra.dbPassword())))));
    }

    /**
     * Fresh statistics after every fill, as autovacuum would soon give both implementations (it analyzes a table
     * once a tenth of it changed): without them, a table filled from empty is planned as if it still were.
     */
    private static void vacuum(AgroalDataSource dataSource) throws java.sql.SQLException {
        try (var db = dataSource.getConnection(); var sql = db.createStatement()) {
            sql.execute("vacuum analyze");
            IoStats.flush(db); // else its reads show in the next fill's statistics
        }
    }

    private static void log(String line) {
        String load;
        try {
            load = Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            load = "?";
        }
        System.out.println(Instant.now() + " [load " + load + "] " + line);
    }

    static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
