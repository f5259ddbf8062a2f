package io.orikaeshi.scheduler.bench;

import io.orikaeshi.events.CallbackOverdue;
import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.EventIds;
import io.orikaeshi.events.Topics;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongFunction;

/**
 * The callback-scheduler's design over JDBC: the service's own migrations, and per round the statements of
 * TimerFiring (claim due timers with FOR UPDATE SKIP LOCKED, read their deadlines, mark timers fired, move deadlines
 * to OVERDUE, append CallbackOverdue to the outbox) in one transaction; then sleep until the next fire time, at most
 * the service's 250 ms poll interval. One thread is one service instance.
 */
final class TimerTableWorkload implements Workload {

    private static final int BATCH = 500;
    private static final Duration POLL = Duration.ofMillis(250);
    private static final String CLAIM = "select id, call_id, fire_at from deadline_timer where state = 'PENDING' "
            + "and fire_at <= ? order by fire_at limit ? for update skip locked";

    private final DataSource dataSource;
    private final int instances;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private volatile boolean paused;

    TimerTableWorkload(DataSource dataSource, int instances) {
        this.dataSource = dataSource;
        this.instances = instances;
    }

    @Override
    public String name() {
        return "orikaeshi timer table (" + instances + " instance" + (instances > 1 ? "s" : "") + ")";
    }

    @Override
    public void createSchema() throws Exception {
        try (Connection db = dataSource.getConnection(); Statement sql = db.createStatement()) {
            sql.execute("drop table if exists deadline, deadline_timer, processed_event, outbox cascade");
            sql.execute(migration("V1__deadlines.sql"));
            sql.execute(migration("V2__timers.sql"));
        }
    }

    private static String migration(String file) throws IOException {
        try (InputStream in = TimerTableWorkload.class.getResourceAsStream("/db/migration/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A promise as the service arms it: the deadline row and its overdue timer, in one transaction per batch. */
    @Override
    public double insert(long count, LongFunction<Instant> dueAt) throws Exception {
        long started = System.nanoTime();
        try (Connection db = dataSource.getConnection();
             PreparedStatement deadline = db.prepareStatement("insert into deadline (call_id, tenant_id, due_at, "
                     + "version, assignee, assignee_kind, promised_at, state) values (?, 'acme-jp', ?, 1, 'op-1', "
                     + "'PERSON', ?, 'OPEN')");
             PreparedStatement timer = db.prepareStatement("insert into deadline_timer (call_id, kind, level, "
                     + "fire_at, promise_version, state) values (?, 'OVERDUE', 0, ?, 1, 'PENDING')")) {
            db.setAutoCommit(false);
            Timestamp now = Timestamp.from(Instant.now());
            for (long i = 0; i < count; i++) {
                String callId = UUID.randomUUID().toString();
                Timestamp due = Timestamp.from(dueAt.apply(i));
                deadline.setString(1, callId);
                deadline.setTimestamp(2, due);
                deadline.setTimestamp(3, now);
                deadline.addBatch();
                timer.setString(1, callId);
                timer.setTimestamp(2, due);
                timer.addBatch();
                if ((i + 1) % 5_000 == 0 || i == count - 1) {
                    deadline.executeBatch();
                    timer.executeBatch();
                    db.commit();
                }
            }
        }
        return count / ((System.nanoTime() - started) / 1e9);
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
        } catch (SQLException e) {
            if (running) {
                throw new IllegalStateException(e);
            }
        }
    }

    private int fireDue(Connection db, Lateness lateness) throws SQLException {
        Instant now = Instant.now();
        List<Long> ids = new ArrayList<>();
        List<String> callIds = new ArrayList<>();
        List<Instant> fireAts = new ArrayList<>();
        try (PreparedStatement claim = db.prepareStatement(CLAIM)) {
            claim.setTimestamp(1, Timestamp.from(now));
            claim.setInt(2, BATCH);
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                    callIds.add(rows.getString(2));
                    fireAts.add(rows.getTimestamp(3).toInstant());
                }
            }
        }
        if (ids.isEmpty()) {
            db.commit();
            return 0;
        }
        Map<String, Object[]> deadlines = new HashMap<>();
        try (PreparedStatement read = db.prepareStatement(
                "select call_id, tenant_id, due_at, assignee from deadline where call_id = any(?)")) {
            Array array = db.createArrayOf("varchar", callIds.toArray());
            read.setArray(1, array);
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    deadlines.put(rows.getString(1), new Object[] {rows.getString(2),
                            rows.getTimestamp(3).toInstant(), rows.getString(4)});
                }
            }
        }
        Timestamp firedAt = Timestamp.from(now);
        try (PreparedStatement timers = db.prepareStatement(
                "update deadline_timer set state = 'FIRED', fired_at = ?, late = ? where id = ?");
             PreparedStatement promises = db.prepareStatement(
                     "update deadline set state = 'OVERDUE', fired_at = ? where call_id = ?");
             PreparedStatement outbox = db.prepareStatement("insert into outbox (event_id, topic, message_key, "
                     + "event_type, payload, created_at) values (?, ?, ?, 'CallbackOverdue', ?, ?)")) {
            for (int i = 0; i < ids.size(); i++) {
                Object[] deadline = deadlines.get(callIds.get(i));
                timers.setTimestamp(1, firedAt);
                timers.setBoolean(2, Duration.between(fireAts.get(i), now).toSeconds() >= 2);
                timers.setLong(3, ids.get(i));
                timers.addBatch();
                promises.setTimestamp(1, firedAt);
                promises.setString(2, callIds.get(i));
                promises.addBatch();
                Instant due = (Instant) deadline[1];
                CallbackOverdue event = new CallbackOverdue(
                        EventIds.deterministic("CallbackOverdue", callIds.get(i), due, 0, 1), CallbackOverdue.VERSION,
                        (String) deadline[0], callIds.get(i), now, due, (String) deadline[2]);
                outbox.setString(1, event.eventId());
                outbox.setString(2, Topics.DEADLINE_EVENTS);
                outbox.setString(3, event.key());
                outbox.setString(4, EventCodec.toJson(event));
                outbox.setTimestamp(5, firedAt);
                outbox.addBatch();
            }
            timers.executeBatch();
            promises.executeBatch();
            outbox.executeBatch();
        }
        db.commit();
        Instant committed = Instant.now();
        fireAts.forEach(due -> lateness.record(due, committed));
        return ids.size();
    }

    private long sleepMillis(Connection db) throws SQLException {
        Instant next = null;
        try (Statement sql = db.createStatement();
             ResultSet row = sql.executeQuery("select min(fire_at) from deadline_timer where state = 'PENDING'")) {
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
        try (Connection db = dataSource.getConnection(); Statement sql = db.createStatement();
             ResultSet row = sql.executeQuery("select count(*) from deadline_timer where state = 'PENDING'")) {
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
