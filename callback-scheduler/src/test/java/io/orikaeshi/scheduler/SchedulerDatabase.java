package io.orikaeshi.scheduler;

import io.orikaeshi.infra.LocalInfrastructure;
import io.orikaeshi.infra.testing.InfraTestResource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service's own tables, read and seeded over JDBC as an operator (or a previous run) would. */
final class SchedulerDatabase {

    private SchedulerDatabase() {
    }

    static Connection connect() throws SQLException {
        LocalInfrastructure infra = InfraTestResource.infra();
        return DriverManager.getConnection(infra.jdbcUrl("scheduler"), infra.dbUsername(), infra.dbPassword());
    }

    /** The call's timers of one kind as "state target" lines, oldest first. */
    static List<String> timers(String callId, String kind) throws SQLException {
        try (Connection db = connect();
                PreparedStatement query = db.prepareStatement("select state || ' ' || coalesce(target, '-') "
                        + "from deadline_timer where call_id = ? and kind = ? order by id")) {
            query.setString(1, callId);
            query.setString(2, kind);
            List<String> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            }
            return rows;
        }
    }

    /** Waits until the call's timers of that kind are exactly {@code expected}. */
    static void awaitTimers(String callId, String kind, List<String> expected)
            throws SQLException, InterruptedException {
        Instant until = Instant.now().plus(DeadlineEventStream.WAIT);
        List<String> found = timers(callId, kind);
        while (!found.equals(expected)) {
            assertTrue(Instant.now().isBefore(until), kind + " timers of the call are " + found + ", not " + expected);
            Thread.sleep(50);
            found = timers(callId, kind);
        }
    }

    /**
     * What a previous run left behind: open promises of the tenant, reported at {@code reportedAt} and due at
     * {@code dueAt}, each with one pending timer of {@code kind} due at {@code fireAt}.
     */
    static void leftBehind(String tenant, List<String> callIds, Instant reportedAt, Instant dueAt, String kind,
            Instant fireAt) throws SQLException {
        try (Connection db = connect();
                PreparedStatement deadline = db.prepareStatement("insert into deadline (call_id, tenant_id, due_at, "
                        + "version, assignee, assignee_kind, promised_at, reported_at, state) "
                        + "values (?, ?, ?, 1, '佐藤', 'PERSON', ?, ?, 'OPEN')");
                PreparedStatement timer = db.prepareStatement("insert into deadline_timer "
                        + "(call_id, kind, level, fire_at, promise_version, state) values (?, ?, 0, ?, 1, 'PENDING')")) {
            db.setAutoCommit(false);
            for (String callId : callIds) {
                deadline.setString(1, callId);
                deadline.setString(2, tenant);
                deadline.setTimestamp(3, Timestamp.from(dueAt));
                deadline.setTimestamp(4, Timestamp.from(reportedAt));
                deadline.setTimestamp(5, Timestamp.from(reportedAt));
                deadline.addBatch();
                timer.setString(1, callId);
                timer.setString(2, kind);
                timer.setTimestamp(3, Timestamp.from(fireAt));
                timer.addBatch();
            }
            deadline.executeBatch();
            timer.executeBatch();
            db.commit();
        }
    }
}
