package io.orikaeshi.scheduler;

import io.orikaeshi.infra.LocalInfrastructure;
import io.orikaeshi.infra.testing.InfraTestResource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Rows as an earlier run of the service left them, written straight into the scheduler's database. */
final class StoredPromises {

    private StoredPromises() {
    }

    static Connection database() throws SQLException {
        LocalInfrastructure infra = InfraTestResource.infra();
        return DriverManager.getConnection(infra.jdbcUrl("scheduler"), infra.dbUsername(), infra.dbPassword());
    }

    /**
     * Open acme-jp promises due at {@code dueAt}, made {@code age} before it, each with one pending overdue timer,
     * armed or dormant, in one transaction.
     */
    static void store(List<String> callIds, Instant dueAt, Duration age, boolean armed) throws SQLException {
        try (Connection db = database();
                PreparedStatement deadline = db.prepareStatement("insert into deadline "
                        + "(call_id, tenant_id, due_at, version, assignee, assignee_kind, promised_at, state) "
                        + "values (?, 'acme-jp', ?, 1, '佐藤', 'PERSON', ?, 'OPEN')");
                PreparedStatement timer = db.prepareStatement("insert into deadline_timer "
                        + "(call_id, kind, level, fire_at, promise_version, state, armed) "
                        + "values (?, 'OVERDUE', 0, ?, 1, 'PENDING', ?)")) {
            db.setAutoCommit(false);
            for (String callId : callIds) {
                deadline.setString(1, callId);
                deadline.setTimestamp(2, Timestamp.from(dueAt));
                deadline.setTimestamp(3, Timestamp.from(dueAt.minus(age)));
                deadline.addBatch();
                timer.setString(1, callId);
                timer.setTimestamp(2, Timestamp.from(dueAt));
                timer.setBoolean(3, armed);
                timer.addBatch();
            }
            deadline.executeBatch();
            timer.executeBatch();
            db.commit();
        }
    }
}
