package io.orikaeshi.reporting;

import io.agroal.api.AgroalDataSource;
import io.orikaeshi.events.AssigneeKind;
import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackAcknowledged;
import io.orikaeshi.events.CallbackAttempted;
import io.orikaeshi.events.AttemptOutcome;
import io.orikaeshi.events.CallbackCompleted;
import io.orikaeshi.events.CallbackEscalated;
import io.orikaeshi.events.CallbackExtended;
import io.orikaeshi.events.CallbackOverdue;
import io.orikaeshi.events.CallbackReassigned;
import io.orikaeshi.events.CallbackWarned;
import io.orikaeshi.events.NotificationDeferred;
import io.orikaeshi.events.Topics;
import io.orikaeshi.reporting.service.ProjectionReplay;
import io.orikaeshi.reporting.support.Calls;
import io.orikaeshi.reporting.support.Stream;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Rebuild from offset 0 equals the live model: every record of the three topics is read from the beginning and
 * applied, through the same ledger and projections, to empty tables in another schema; both schemas must then hold
 * the same rows. The replay applies the scheduler's and notification-service's topics before intake's, an
 * interleaving the live consumer never saw, so the comparison also proves the projections order-independent.
 */
@QuarkusTest
class RebuildTest {

    @Inject
    ProjectionReplay replay;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void replayingEveryTopicFromOffsetZeroIntoEmptyTablesGivesTheLiveModelAndReplayingAgainChangesNothing()
            throws Throwable {
        publishALifecycleWithEveryKindOfEvent();
        Stream.awaitConsumed();

        List<String> payloads = new ArrayList<>();
        for (String topic : List.of(Topics.DEADLINE_EVENTS, Topics.NOTIFICATION_EVENTS, Topics.CALL_EVENTS)) {
            Stream.client().readAll(topic, Duration.ofSeconds(1)).stream().map(ConsumerRecord::value).forEach(payloads::add);
        }
        replay.recreate("rebuild");
        int applied = VertxContextSupport.subscribeAndAwait(() -> replay.replay("rebuild", payloads));

        List<String> live = snapshot("public");
        assertFalse(live.isEmpty());
        assertEquals(live, snapshot("rebuild"));
        assertEquals(countLedger("public"), applied);

        int again = VertxContextSupport.subscribeAndAwait(() -> replay.replay("rebuild", payloads));
        assertEquals(0, again);
        assertEquals(live, snapshot("rebuild"));
    }

    private static void publishALifecycleWithEveryKindOfEvent() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant due = now.plusSeconds(60);
        Instant later = now.plusSeconds(7200);
        CallReceived call = Calls.of("acme-jp", now).promised(due, "佐藤").event();
        Stream.publish(call,
                CallbackWarned.of("acme-jp", call.callId(), now, due, "佐藤"),
                CallbackAttempted.of("acme-jp", call.callId(), now, AttemptOutcome.NO_ANSWER, later, "佐藤"),
                CallbackOverdue.of("acme-jp", call.callId(), due, due, "佐藤"),
                CallbackEscalated.of("acme-jp", call.callId(), due, due, 1, "佐藤"),
                CallbackReassigned.of("acme-jp", call.callId(), due.plusSeconds(1), "受付チーム", AssigneeKind.POOL, "scheduler"),
                CallbackAcknowledged.of("acme-jp", call.callId(), due.plusSeconds(2), "鈴木"),
                CallbackExtended.of("acme-jp", call.callId(), due.plusSeconds(3), due, later, "鈴木"),
                NotificationDeferred.of("acme-jp", call.callId(), now, "rebuild-" + call.callId(), "ALERT",
                        "sv@acme.example", later, "quiet hours"));
        CallReceived done = Calls.of("globex-us", now).promised(due, "Smith").event();
        Stream.publish(done, CallbackCompleted.of("globex-us", done.callId(), now.plusSeconds(30), "Smith"));
    }

    /** Every row of the read models, every column, in a stable order; the ledger's processing times are left out. */
    private List<String> snapshot(String schema) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String sql : List.of("select * from " + schema + ".call_log order by call_id",
                    "select * from " + schema + ".delivery_event order by event_id",
                    "select event_id, event_type from " + schema + ".processed_event order by event_id")) {
                try (ResultSet r = s.executeQuery(sql)) {
                    int columns = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            row.append(r.getMetaData().getColumnName(i)).append('=').append(r.getString(i)).append(' ');
                        }
                        rows.add(row.toString());
                    }
                }
            }
        }
        return rows;
    }

    private int countLedger(String schema) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*) from " + schema + ".processed_event")) {
            r.next();
            return r.getInt(1);
        }
    }
}
