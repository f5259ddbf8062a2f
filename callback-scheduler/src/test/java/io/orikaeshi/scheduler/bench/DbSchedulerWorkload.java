package io.orikaeshi.scheduler.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.serializer.JavaSerializer;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.orikaeshi.events.CallbackOverdue;
import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.EventIds;
import io.orikaeshi.events.Topics;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongFunction;

/**
 * The same workload on db-scheduler with the settings its README recommends for PostgreSQL and throughput:
 * lock-and-fetch polling ({@code pollUsingLockAndFetch(0.5, 1.0)}, SELECT ... FOR UPDATE SKIP LOCKED) and its default
 * 10 threads, over a connection pool; the polling interval is its default 10 s or, for a like-for-like run, 250 ms. Each execution appends the same CallbackOverdue to
 * the same outbox table; db-scheduler then deletes the execution in its own transaction.
 */
final class DbSchedulerWorkload implements Workload {

    private static final String SCHEMA = """
            create table scheduled_tasks (
              task_name text not null,
              task_instance text not null,
              task_data bytea,
              execution_time timestamp with time zone not null,
              picked boolean not null,
              picked_by text,
              last_success timestamp with time zone,
              last_failure timestamp with time zone,
              consecutive_failures int,
              last_heartbeat timestamp with time zone,
              version bigint not null,
              priority smallint,
              primary key (task_name, task_instance)
            );
            create index execution_time_idx on scheduled_tasks (execution_time);
            create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
            create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
            """;

    private final DataSource dataSource;
    private final JavaSerializer serializer = new JavaSerializer();
    private final Duration pollingInterval;
    private final CallIds ids;
    private Scheduler scheduler;

    /** @param pollingInterval db-scheduler's default is 10 s; 250 ms matches the timer table's longest sleep */
    DbSchedulerWorkload(DataSource dataSource, Duration pollingInterval, CallIds ids) {
        this.dataSource = dataSource;
        this.pollingInterval = pollingInterval;
        this.ids = ids;
    }

    @Override
    public String name() {
        return "db-scheduler 16.1.0 (lock-and-fetch, 10 threads, polling " + pollingInterval.toMillis() + " ms)";
    }

    @Override
    public void createSchema() throws Exception {
        try (Connection db = dataSource.getConnection(); Statement sql = db.createStatement()) {
            sql.execute("drop table if exists scheduled_tasks, outbox cascade");
            sql.execute(SCHEMA);
            sql.execute("create table outbox (id bigint generated always as identity primary key, "
                    + "event_id varchar(36) not null unique, topic varchar(200) not null, "
                    + "message_key varchar(200) not null, event_type varchar(100) not null, payload text not null, "
                    + "created_at timestamptz not null)");
        }
    }

    /**
     * The task data carries what the overdue event needs, as the deadline row does in the other design; the task
     * instance id is the call id, minted as for the timer table.
     */
    @Override
    public double insert(long count, LongFunction<Instant> dueAt) throws Exception {
        long started = System.nanoTime();
        try (Connection db = dataSource.getConnection();
                PreparedStatement insert = db.prepareStatement("insert into scheduled_tasks (task_name, task_instance, "
                        + "task_data, execution_time, picked, version) values ('overdue', ?, ?, ?, false, 1)")) {
            db.setAutoCommit(false);
            for (long i = 0; i < count; i++) {
                String callId = ids.next();
                Instant due = dueAt.apply(i);
                insert.setString(1, callId);
                insert.setBytes(2, serializer.serialize("acme-jp|" + due + "|op-1"));
                insert.setTimestamp(3, Timestamp.from(due));
                insert.addBatch();
                if ((i + 1) % 5_000 == 0 || i == count - 1) {
                    insert.executeBatch();
                    db.commit();
                }
            }
            double rate = count / ((System.nanoTime() - started) / 1e9);
            IoStats.flush(db);
            db.setAutoCommit(true);
            return rate;
        }
    }

    /**
     * The same rows as {@link #insert}, made by the server, a million per statement; the task data is the serialized
     * form of a real one (same length), as far-future tasks are never read before the run ends.
     */
    @Override
    public void bulkFill(long count, Instant from, long spreadMillis) throws Exception {
        byte[] data = serializer.serialize("acme-jp|" + from + "|op-1");
        try (Connection db = dataSource.getConnection();
                PreparedStatement fill = db.prepareStatement(
                        """
                                insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version)
                                select 'overdue', %s, ?, cast(? as timestamptz) + (((? + g) * 7919) %% ?) * interval '1 millisecond',
                                       false, 1
                                from generate_series(1, ?) g"""
                                .formatted(ids.sql()))) {
            for (long done = 0; done < count; done += 1_000_000) {
                fill.setBytes(1, data);
                fill.setTimestamp(2, Timestamp.from(from));
                fill.setLong(3, done); // each statement continues the sequence: no due time is made twice
                fill.setLong(4, spreadMillis);
                fill.setLong(5, Math.min(1_000_000, count - done));
                fill.executeUpdate();
            }
            IoStats.flush(db);
        }
    }

    @Override
    public void start(Lateness lateness) {
        OneTimeTask<String> overdue = Tasks.oneTime("overdue", String.class).execute((instance, context) -> {
            String[] data = instance.getData().split("\\|");
            Instant due = Instant.parse(data[1]);
            Instant now = Instant.now();
            CallbackOverdue event = new CallbackOverdue(EventIds.deterministic("CallbackOverdue", instance.getId(),
                    due, 0, 1), CallbackOverdue.VERSION, data[0], instance.getId(), now, due, data[2]);
            try (Connection db = dataSource.getConnection();
                    PreparedStatement outbox = db.prepareStatement("insert into outbox (event_id, topic, message_key, "
                            + "event_type, payload, created_at) values (?, ?, ?, 'CallbackOverdue', ?, ?)")) {
                outbox.setString(1, event.eventId());
                outbox.setString(2, Topics.DEADLINE_EVENTS);
                outbox.setString(3, event.key());
                outbox.setString(4, EventCodec.toJson(event));
                outbox.setTimestamp(5, Timestamp.from(now));
                outbox.executeUpdate();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            lateness.record(context.getExecution().executionTime, Instant.now());
        });
        scheduler = Scheduler.create(dataSource, overdue)
                .pollUsingLockAndFetch(0.5, 1.0)
                .pollingInterval(pollingInterval)
                .registerShutdownHook()
                .build();
        scheduler.start();
    }

    @Override
    public void pause() {
        scheduler.pause();
    }

    @Override
    public void resume() {
        scheduler.resume();
    }

    @Override
    public long pending() throws Exception {
        try (Connection db = dataSource.getConnection();
                Statement sql = db.createStatement();
                ResultSet row = sql.executeQuery("select count(*) from scheduled_tasks")) {
            row.next();
            return row.getLong(1);
        }
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.stop();
        }
    }
}
