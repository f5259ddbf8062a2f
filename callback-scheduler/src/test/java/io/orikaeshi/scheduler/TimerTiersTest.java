package io.orikaeshi.scheduler;

import io.orikaeshi.events.CallbackChased;
import io.orikaeshi.events.CallbackEscalated;
import io.orikaeshi.events.CallbackExtended;
import io.orikaeshi.events.CallbackOverdue;
import io.orikaeshi.events.CallbackWarned;
import io.orikaeshi.events.EventFixtures;
import io.orikaeshi.events.OrikaeshiEvent;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two tiers of pending timers (V3__timer_tiers): a timer due beyond the arming horizon (1 h by default) is stored
 * dormant, out of the fine due-time index; the firing rounds arm it when its bucket comes within the horizon, and a
 * dormant timer that is already due is armed and fired in the same round, so firing never depends on arming on time.
 * Tenant fast-jp warns 1 s before the due time and escalates 1 s and 2 s after it.
 */
@QuarkusTest
class TimerTiersTest {

    private static final String FAST = "fast-jp";
    @RegisterExtension
    static final DeadlineEventStream stream = new DeadlineEventStream();

    /** One timer row as the test reads it. */
    record Timer(String kind, int level, int version, String state, boolean armed, boolean late) {
    }

    private static List<Timer> timers(String callId) throws SQLException {
        try (Connection db = SchedulerDatabase.connect();
                PreparedStatement query = db.prepareStatement("select kind, level, promise_version, state, armed, late "
                        + "from deadline_timer where call_id = ? order by promise_version, fire_at, kind")) {
            query.setString(1, callId);
            List<Timer> timers = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    timers.add(new Timer(rows.getString(1), rows.getInt(2), rows.getInt(3), rows.getString(4),
                            rows.getBoolean(5), rows.getBoolean(6)));
                }
            }
            return timers;
        }
    }

    /** Waits until the call's timers satisfy {@code condition} (the consumer and the firing loop run on their own). */
    private static List<Timer> awaitTimers(String callId, Predicate<List<Timer>> condition) throws Exception {
        Instant giveUp = Instant.now().plus(DeadlineEventStream.WAIT);
        List<Timer> timers = timers(callId);
        while (!condition.test(timers) && Instant.now().isBefore(giveUp)) {
            Thread.sleep(50);
            timers = timers(callId);
        }
        return timers;
    }

    /** An open promise with one dormant overdue timer, as the service stored it when its due time was far ahead. */
    private static void storedDormantLongAgo(String callId, Instant fireAt) throws SQLException {
        try (Connection db = SchedulerDatabase.connect();
                PreparedStatement deadline = db.prepareStatement("insert into deadline "
                        + "(call_id, tenant_id, due_at, version, assignee, assignee_kind, promised_at, state) "
                        + "values (?, 'acme-jp', ?, 1, '佐藤', 'PERSON', ?, 'OPEN')");
                PreparedStatement timer = db.prepareStatement("insert into deadline_timer "
                        + "(call_id, kind, level, fire_at, promise_version, state, armed) "
                        + "values (?, 'OVERDUE', 0, ?, 1, 'PENDING', false)")) {
            db.setAutoCommit(false);
            deadline.setString(1, callId);
            deadline.setTimestamp(2, Timestamp.from(fireAt));
            deadline.setTimestamp(3, Timestamp.from(fireAt.minus(Duration.ofDays(2))));
            deadline.executeUpdate();
            timer.setString(1, callId);
            timer.setTimestamp(2, Timestamp.from(fireAt));
            timer.executeUpdate();
            db.commit();
        }
    }

    private static boolean allPending(List<Timer> timers, int count) {
        return timers.size() == count && timers.stream().allMatch(t -> t.state().equals("PENDING"));
    }

    @Test
    void promiseDueDaysAheadIsStoredDormantAndOneDueWithinTheHourArmed() throws Exception {
        String far = EventFixtures.newCallId();
        String near = EventFixtures.newCallId();
        stream.publish(EventFixtures.callReceived(FAST, far, Instant.now().plus(Duration.ofDays(2))));
        stream.publish(EventFixtures.callReceived(FAST, near, Instant.now().plus(Duration.ofMinutes(20))));

        List<Timer> farTimers = awaitTimers(far, t -> t.size() == 4);
        List<Timer> nearTimers = awaitTimers(near, t -> t.size() == 4);

        assertEquals(4, farTimers.size(), "warning, overdue and two escalation levels: " + farTimers);
        assertTrue(farTimers.stream().noneMatch(Timer::armed), "all dormant: " + farTimers);
        assertTrue(allPending(farTimers, 4), farTimers.toString());
        assertEquals(4, nearTimers.size(), nearTimers.toString());
        assertTrue(nearTimers.stream().allMatch(Timer::armed), "all armed: " + nearTimers);
    }

    @Test
    void farFutureTimerIsArmedAndFiresOnTime() throws Exception {
        String callId = EventFixtures.newCallId();
        // Stored two days ahead, now 5 s away: its bucket is within the horizon, so the next round arms it.
        Instant due = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
        storedDormantLongAgo(callId, due);

        List<Timer> armed = awaitTimers(callId, t -> t.size() == 1 && t.get(0).armed());
        assertTrue(Instant.now().isBefore(due), "test setup: still before the due time");
        assertEquals(List.of(new Timer("OVERDUE", 0, 1, "PENDING", true, false)), armed,
                "armed ahead of its time, not fired early");

        CallbackOverdue overdue = stream.await(callId, CallbackOverdue.class, 1).get(0);
        assertEquals(due, overdue.dueAt());
        assertFalse(overdue.occurredAt().isBefore(due), "not fired early");
        assertEquals(List.of(new Timer("OVERDUE", 0, 1, "FIRED", true, false)), timers(callId),
                "fired once, not marked late");
    }

    @Test
    void dueDormantTimerFiresEvenIfArmingLags() throws Exception {
        String callId = EventFixtures.newCallId();
        // Never armed: as if every instance had been down while its bucket entered the horizon and passed.
        Instant due = Instant.now().minus(Duration.ofMinutes(3)).truncatedTo(ChronoUnit.MILLIS);
        storedDormantLongAgo(callId, due);

        CallbackOverdue overdue = stream.await(callId, CallbackOverdue.class, 1).get(0);

        assertEquals(due, overdue.dueAt());
        assertEquals(1, stream.all(callId, Duration.ofSeconds(1)).size(), "fired once");
        assertEquals(List.of(new Timer("OVERDUE", 0, 1, "FIRED", true, true)), timers(callId),
                "armed and fired in the same round, marked late");
    }

    @Test
    void rescheduledTimerMovesBetweenTiers() throws Exception {
        // Far to near: an extension to a due time seconds away replaces the dormant clocks with armed ones.
        String callId = EventFixtures.newCallId();
        Instant farDue = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MILLIS);
        stream.publish(EventFixtures.callReceived(FAST, callId, farDue));
        awaitTimers(callId, t -> t.size() == 4);
        Instant nearDue = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
        stream.publish(CallbackExtended.of(FAST, callId, Instant.now(), farDue, nearDue, "佐藤"));

        List<OrikaeshiEvent> events = stream.await(callId, 2);
        assertInstanceOf(CallbackWarned.class, events.get(0));
        assertEquals(nearDue, assertInstanceOf(CallbackOverdue.class, events.get(1)).dueAt());
        List<Timer> timers = timers(callId);
        assertTrue(timers.stream().filter(t -> t.version() == 1)
                .allMatch(t -> !t.armed() && t.state().equals("CANCELLED")), "old clocks cancelled dormant: " + timers);
        assertTrue(timers.stream().filter(t -> t.version() == 2).allMatch(Timer::armed), timers.toString());

        // Near to far: an extension to days ahead replaces armed clocks with dormant ones, and nothing fires.
        String later = EventFixtures.newCallId();
        Instant soon = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
        stream.publish(EventFixtures.callReceived(FAST, later, soon));
        awaitTimers(later, t -> t.size() == 4);
        stream.publish(CallbackExtended.of(FAST, later, Instant.now(), soon, farDue, "佐藤"));
        List<Timer> moved = awaitTimers(later, t -> t.size() == 8);
        assertTrue(moved.stream().filter(t -> t.version() == 1)
                .allMatch(t -> t.armed() && t.state().equals("CANCELLED")), moved.toString());
        assertTrue(moved.stream().filter(t -> t.version() == 2)
                .allMatch(t -> !t.armed() && t.state().equals("PENDING")), moved.toString());
    }

    @Test
    void chasePullsADormantEscalationForwardAndItFiresAtOnce() throws Exception {
        String callId = EventFixtures.newCallId();
        Instant due = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MILLIS);
        stream.publish(EventFixtures.callReceived(FAST, callId, due));
        assertTrue(awaitTimers(callId, t -> t.size() == 4).stream().noneMatch(Timer::armed));

        // The chase stores escalation level 1 again, due now: the same row, pulled forward, and armed.
        stream.publish(CallbackChased.of(FAST, callId, Instant.now(), EventFixtures.newCallId(), 1));

        CallbackEscalated escalated = assertInstanceOf(CallbackEscalated.class, stream.await(callId, 1).get(0));
        assertEquals(1, escalated.level());
        List<Timer> timers = awaitTimers(callId, t -> t.stream().anyMatch(x -> x.state().equals("FIRED")));
        assertEquals(4, timers.size(), "no new row: " + timers);
        assertEquals(List.of(new Timer("ESCALATE", 1, 1, "FIRED", true, false)),
                timers.stream().filter(t -> t.state().equals("FIRED")).toList());
        assertEquals(3, timers.stream().filter(t -> !t.armed() && t.state().equals("PENDING")).count(),
                "the other clocks stay dormant: " + timers);
    }
}
