package io.orikaeshi.notification;

import io.orikaeshi.infra.LocalInfrastructure;
import io.orikaeshi.infra.testing.InfraTestResource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads the delivery ledger as it is stored, for tests that check what waits and why. */
final class Ledger {

    record Row(String recipient, String kind, String status, int attempts, Instant nextAttemptAt, Instant heldUntil,
            Instant sentAt) {
    }

    /** A row as the dispatcher of every channel sees it. */
    record Message(String channel, String recipient, String kind, String status, int attempts, String lastError,
            String chatJson) {
    }

    private Ledger() {
    }

    static List<Message> messagesOfCall(String callId) {
        return query("select channel, recipient, kind, status, attempts, last_error, chat_json from mail_message "
                + "where call_id = ? order by id", callId,
                rs -> new Message(rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6), rs.getString(7)));
    }

    static List<Row> ofCall(String callId) {
        return query("select recipient, kind, status, attempts, next_attempt_at, held_until, sent_at from "
                + "mail_message where call_id = ? order by id", callId,
                rs -> new Row(rs.getString(1),
                        rs.getString(2), rs.getString(3), rs.getInt(4), instant(rs, 5), instant(rs, 6),
                        instant(rs, 7)));
    }

    /** Whether the call's snapshot exists and, when {@code closed}, is closed. */
    static boolean snapshot(String callId, boolean closed) {
        return query("select closed_at from call_snapshot where call_id = ?", callId, rs -> rs.getTimestamp(1) != null)
                .stream().anyMatch(isClosed -> !closed || isClosed);
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static <T> List<T> query(String sql, String callId, RowReader<T> reader) {
        LocalInfrastructure infra = InfraTestResource.infra();
        try (Connection db = DriverManager.getConnection(infra.jdbcUrl("notification"), infra.dbUsername(),
                infra.dbPassword());
                PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, callId);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        java.sql.Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
