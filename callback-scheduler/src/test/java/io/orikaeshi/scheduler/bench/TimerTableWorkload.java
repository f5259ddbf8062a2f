package io.orikaeshi.scheduler.bench;

import io.orikaeshi.events.CallbackOverdue;
import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.Topics;
import io.orikaeshi.kit.outbox.Outbox;
import io.orikaeshi.scheduler.repository.FiringBatch;
import io.orikaeshi.scheduler.repository.TimerStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongFunction;

/**
 * The callback-scheduler's design over JDBC: the service's migrations, and per round the very statements of
 * TimerFiring ({@link FiringBatch}: claim due timers joined to their promises with FOR UPDATE SKIP LOCKED, then one
 * set-based statement each to mark the timers, move the promises to OVERDUE and append CallbackOverdue to the outbox,
 * the kit's {@link Outbox#APPEND}) in one transaction of at most 500 timers; then sleep until the next fire time, at
 * most the service's 250 ms poll interval. One thread is one service instance. What it leaves out is Hibernate
 * Reactive and the relay's publishing.
 */
final class TimerTableWorkload implements Workload {

    private static final int BATCH = 500;
    private static final Duration POLL = Duration.ofMillis(250);
    /** The service's default {@code orikaeshi.scheduler.late-after}. */
    private static final Duration LATE_AFTER = Duration.ofSeconds(2);
    /** The service's default {@code orikaeshi.scheduler.arming-horizon} and {@code arming-batch}. */
    private static final Duration ARMING_HORIZON = Duration.ofHours(1);
    private static final int ARMING_BATCH = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long BULK_CHUNK = 1_000_000;

    private final DataSource dataSource;
    private final int instances;
    private final CallIds ids;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private volatile boolean paused;

    TimerTableWorkload(DataSource dataSource, int instances, CallIds ids) {
        this.dataSource = dataSource;
        this.instances = instances;
        this.ids = ids;
    }

    @Override
    public String name() {
        return "orikaeshi timer table (" + instances + " instance" + (instances > 1 ? "s" : "") + ")";
    }

    /** The schema the service runs on: its migrations and the kit's, from the locations the service configures. */
    @Override
    public void createSchema() throws Exception {
        try (Connection db = dataSource.getConnection(); Statement sql = db.createStatement()) {
            sql.execute("drop table if exists deadline, deadline_timer, processed_event, outbox, flyway_schema_history"
                    + " cascade");
        }
        Properties service = new Properties();
        try (InputStream in = TimerTableWorkload.class.getResourceAsStream("/application.properties")) {
            service.load(in);
        }
        Flyway.configure().dataSource(dataSource)
                .locations(service.getProperty("quarkus.flyway.locations").split(","))
                .load().migrate();
    }

    /**
     * The same rows as {@link #insert}, made by the server: each statement stores a million promises (deadline row and
     * overdue timer) through the tables' ordinary indexes, with call ids of the same kind and order as the batched
     * inserts' (see CallIds), armed or dormant as TimerStore would store them.
     */
    @Override
    public void bulkFill(long count, Instant from, long spreadMillis) throws Exception {
        try (Connection db = dataSource.getConnection();
                PreparedStatement fill = db.prepareStatement(
                        """
                                with d as (
                                  insert into deadline (call_id, tenant_id, due_at, version, assignee, assignee_kind,
                                                        promised_at, state)
                                  select %s, 'acme-jp',
                                         cast(? as timestamptz) + (((? + g) * 7919) %% ?) * interval '1 millisecond', 1, 'op-1', 'PERSON', now(), 'OPEN'
                                  from generate_series(1, ?) g
                                  returning call_id, due_at)
                                insert into deadline_timer (call_id, kind, level, fire_at, promise_version, state, armed)
                                select call_id, 'OVERDUE', 0, due_at, 1, 'PENDING', due_at <= now() + ? * interval '1 second'
                                from d"""
                                .formatted(ids.sql()))) {
            for (long done = 0; done < count; done += BULK_CHUNK) {
                fill.setTimestamp(1, Timestamp.from(from));
                fill.setLong(2, done); // each statement continues the sequence: no due time is made twice
                fill.setLong(3, spreadMillis);
                fill.setLong(4, Math.min(BULK_CHUNK, count - done));
                fill.setLong(5, ARMING_HORIZON.toSeconds());
                fill.executeUpdate();
            }
            IoStats.flush(db);
        }
    }

    /**
     * A promise as the service stores it: the deadline row and its overdue timer (TimerStore's own upsert, armed or
     * dormant by the service's rule), in one transaction per batch.
     */
    @Override
    public double insert(long count, LongFunction<Instant> dueAt) throws Exception {
        long started = System.nanoTime();
        try (Connection db = dataSource.getConnection();
                PreparedStatement deadline = db.prepareStatement("insert into deadline (call_id, tenant_id, due_at, "
                        + "version, assignee, assignee_kind, promised_at, state) values (?, 'acme-jp', ?, 1, 'op-1', "
                        + "'PERSON', ?, 'OPEN')");
                PreparedStatement timer = db.prepareStatement(jdbc(TimerStore.ARM))) {
            db.setAutoCommit(false);
            Timestamp now = Timestamp.from(Instant.now());
            for (long i = 0; i < count; i++) {
                String callId = ids.next();
                Timestamp due = Timestamp.from(dueAt.apply(i));
                deadline.setString(1, callId);
                deadline.setTimestamp(2, due);
                deadline.setTimestamp(3, now);
                deadline.addBatch();
                timer.setString(1, callId);
                timer.setString(2, "OVERDUE");
                timer.setInt(3, 0);
                timer.setTimestamp(4, due);
                timer.setInt(5, 1);
                timer.setString(6, null);
                timer.setBoolean(7, TimerStore.armedWhenStored(due.toInstant(), now.toInstant(), ARMING_HORIZON));
                timer.addBatch();
                if ((i + 1) % 5_000 == 0 || i == count - 1) {
                    deadline.executeBatch();
                    timer.executeBatch();
                    db.commit();
                }
            }
            double rate = count / ((System.nanoTime() - started) / 1e9);
            IoStats.flush(db);
            return rate;
        }
    }

    @Override
    public void start(Lateness lateness) {
        running = true;
        for (int i = 0; i < instances; i++) {
            Thread thread = new Thread(() -> loop(lateness), "timer-table-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    private void loop(Lateness lateness) {
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            while (running) {
                if (paused) {
                    Thread.sleep(5);
                    continue;
                }
                int fired = fireDue(db, lateness);
                if (fired < BATCH) {
                    Thread.sleep(sleepMillis(db));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (running) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A claimed timer with its promise, as FiringBatch.CLAIM returns it. */
    private record Claimed(long id, String callId, String kind, Instant fireAt, int promiseVersion, String tenantId,
            Instant dueAt, int version, String assignee, String assigneeKind, String state,
            int escalationLevel, String traceParent) {
    }

    /**
     * One round of TimerFiring over JDBC: FiringBatch's arming of dormant timers, its claim, then its three set-based writes with the rows as one
     * JSON parameter each, in one transaction. The workload arms OVERDUE timers only, so the decision is the service's
     * for that kind: fire, move the promise to OVERDUE, announce CallbackOverdue (a stale timer is cancelled).
     */
    private int fireDue(Connection db, Lateness lateness) throws Exception {
        Instant now = Instant.now();
        List<Claimed> due = new ArrayList<>();
        try (PreparedStatement arm = db.prepareStatement(jdbc(FiringBatch.ARM_DUE))) {
            arm.setTimestamp(1, Timestamp.from(now.plus(ARMING_HORIZON)));
            arm.setInt(2, ARMING_BATCH);
            arm.executeUpdate();
        }
        try (Statement planning = db.createStatement()) {
            planning.execute(FiringBatch.CLAIM_IN_DUE_ORDER);
        }
        try (PreparedStatement claim = db.prepareStatement(jdbc(FiringBatch.CLAIM))) {
            claim.setTimestamp(1, Timestamp.from(now));
            claim.setInt(2, BATCH);
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    due.add(new Claimed(rows.getLong(1), rows.getString(2), rows.getString(3),
                            rows.getTimestamp(5).toInstant(), rows.getInt(6), rows.getString(8),
                            rows.getTimestamp(9) == null ? null : rows.getTimestamp(9).toInstant(), rows.getInt(10),
                            rows.getString(11), rows.getString(12), rows.getString(13), rows.getInt(14),
                            rows.getString(15)));
                }
            }
        }
        if (due.isEmpty()) {
            db.commit();
            return 0;
        }
        List<Map<String, Object>> timers = new ArrayList<>(due.size());
        List<Map<String, Object>> promises = new ArrayList<>(due.size());
        List<Map<String, Object>> outbox = new ArrayList<>(due.size());
        for (Claimed c : due) {
            boolean stale = c.tenantId() == null || "COMPLETED".equals(c.state()) || "CANCELLED".equals(c.state())
                    || c.version() != c.promiseVersion();
            if (stale) {
                timers.add(row("id", c.id(), "state", "CANCELLED", "fired_at", null, "late", false));
                continue;
            }
            timers.add(row("id", c.id(), "state", "FIRED", "fired_at", now.toString(),
                    "late", Duration.between(c.fireAt(), now).compareTo(LATE_AFTER) > 0));
            promises.add(row("call_id", c.callId(), "version", c.version(),
                    "state", "ESCALATED".equals(c.state()) ? c.state() : "OVERDUE", "fired_at", now.toString(),
                    "escalation_level", c.escalationLevel(), "assignee", c.assignee(),
                    "assignee_kind", c.assigneeKind()));
            CallbackOverdue event = CallbackOverdue.of(c.tenantId(), c.callId(), now, c.dueAt(), c.assignee(),
                    c.version());
            outbox.add(row("event_id", event.eventId(), "topic", Topics.DEADLINE_EVENTS, "message_key", event.key(),
                    "event_type", event.type(), "payload", EventCodec.toJson(event), "created_at", now.toString(),
                    "trace_parent", c.traceParent()));
        }
        execute(db, FiringBatch.UPDATE_TIMERS, timers);
        execute(db, FiringBatch.UPDATE_PROMISES, promises);
        execute(db, Outbox.APPEND, outbox);
        db.commit();
        Instant committed = Instant.now();
        due.forEach(c -> lateness.record(c.fireAt(), committed));
        return due.size();
    }

    private static void execute(Connection db, String sql, List<Map<String, Object>> rows) throws Exception {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = db.prepareStatement(jdbc(sql))) {
            statement.setString(1, JSON.writeValueAsString(rows));
            statement.executeUpdate();
        }
    }

    /** The service's statements number their parameters (?1) for Hibernate; each is used once, in order. */
    private static String jdbc(String sql) {
        return sql.replaceAll("\\?\\d+", "?");
    }

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }

    private long sleepMillis(Connection db) throws SQLException {
        Instant next = null;
        try (Statement sql = db.createStatement();
                ResultSet row = sql.executeQuery(FiringBatch.NEXT_FIRE_AT)) {
            if (row.next() && row.getTimestamp(1) != null) {
                next = row.getTimestamp(1).toInstant();
            }
        }
        db.commit();
        long poll = POLL.toMillis();
        if (next == null) {
            return poll;
        }
        return Math.max(0, Math.min(poll, Duration.between(Instant.now(), next).toMillis()));
    }

    /** The arming's and the claim's plans (EXPLAIN without ANALYZE: nothing is locked). */
    @Override
    public String firingPlan() throws Exception {
        StringBuilder plan = new StringBuilder();
        try (Connection db = dataSource.getConnection();
                Statement planning = db.createStatement();
                PreparedStatement explainArm = db.prepareStatement("explain " + jdbc(FiringBatch.ARM_DUE));
                PreparedStatement explain = db.prepareStatement("explain " + jdbc(FiringBatch.CLAIM))) {
            db.setAutoCommit(false);
            explainArm.setTimestamp(1, Timestamp.from(Instant.now().plus(ARMING_HORIZON)));
            explainArm.setInt(2, ARMING_BATCH);
            try (ResultSet rows = explainArm.executeQuery()) {
                while (rows.next()) {
                    plan.append("\n    ").append(rows.getString(1));
                }
            }
            planning.execute(FiringBatch.CLAIM_IN_DUE_ORDER);
            explain.setTimestamp(1, Timestamp.from(Instant.now()));
            explain.setInt(2, BATCH);
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    plan.append("\n    ").append(rows.getString(1));
                }
            }
            db.rollback();
        }
        return plan.toString();
    }

    @Override
    public void pause() {
        paused = true;
    }

    @Override
    public void resume() {
        paused = false;
    }

    @Override
    public long pending() throws Exception {
        try (Connection db = dataSource.getConnection();
                Statement sql = db.createStatement();
                ResultSet row = sql.executeQuery(FiringBatch.COUNT_PENDING)) {
            row.next();
            return row.getLong(1);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        threads.clear();
    }
}
