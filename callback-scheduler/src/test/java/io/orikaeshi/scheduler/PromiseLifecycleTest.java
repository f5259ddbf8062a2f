package io.orikaeshi.scheduler;

import io.orikaeshi.events.AssigneeKind;
import io.orikaeshi.events.CallbackAcknowledged;
import io.orikaeshi.events.CallbackCancelled;
import io.orikaeshi.events.CallbackChased;
import io.orikaeshi.events.EscalationReason;
import io.orikaeshi.events.CallbackEscalated;
import io.orikaeshi.events.CallbackExtended;
import io.orikaeshi.events.CallbackOverdue;
import io.orikaeshi.events.CallbackReassigned;
import io.orikaeshi.events.CallbackWarned;
import io.orikaeshi.events.EventFixtures;
import io.orikaeshi.events.OrikaeshiEvent;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each transition of a promise, driven by call events on real Kafka and PostgreSQL. Tenant fast-jp warns 1 s before
 * the due time and escalates 1 s (to the assignee) and 2 s (to the desk) after it; pool-jp falls back after 1 s.
 */
@QuarkusTest
class PromiseLifecycleTest {

    private static final String FAST = "fast-jp";
    @RegisterExtension
    static final DeadlineEventStream stream = new DeadlineEventStream();

    private static Instant inMillis(long millis) {
        return Instant.now().plusMillis(millis).truncatedTo(ChronoUnit.MILLIS);
    }

    private static void assertFiredAtItsTime(Instant expected, OrikaeshiEvent event) {
        Duration late = Duration.between(expected, event.occurredAt());
        assertFalse(late.isNegative(), event.type() + " fired " + late.negated() + " early");
        assertTrue(late.toMillis() < 1000, event.type() + " fired " + late + " late");
    }

    @Test
    void promiseIsWarnedThenOverdueThenEscalatedLevelByLevel() {
        String callId = EventFixtures.newCallId();
        Instant due = inMillis(3000);
        stream.publish(EventFixtures.callReceived(FAST, callId, due));

        List<OrikaeshiEvent> events = stream.await(callId, 4);

        CallbackWarned warned = assertInstanceOf(CallbackWarned.class, events.get(0));
        assertFiredAtItsTime(due.minusSeconds(1), warned);
        assertEquals(due, warned.dueAt());
        CallbackOverdue overdue = assertInstanceOf(CallbackOverdue.class, events.get(1));
        assertFiredAtItsTime(due, overdue);
        CallbackEscalated first = assertInstanceOf(CallbackEscalated.class, events.get(2));
        assertEquals(1, first.level());
        assertEquals("佐藤", first.target(), "level 1 goes to the assignee");
        assertFiredAtItsTime(due.plusSeconds(1), first);
        assertEquals(EscalationReason.OVERDUE, first.reason());
        CallbackEscalated second = assertInstanceOf(CallbackEscalated.class, events.get(3));
        assertEquals(2, second.level());
        assertEquals("desk@fast.example", second.target());
        assertFiredAtItsTime(due.plusSeconds(2), second);
        assertEquals(4, stream.all(callId, Duration.ofSeconds(1)).size(), "no event fired twice");
    }

    @Test
    void extensionReplacesTheDueTimeAndReArmsEveryClock() {
        String callId = EventFixtures.newCallId();
        Instant oldDue = inMillis(2500);
        Instant newDue = oldDue.plusSeconds(3);
        stream.publish(EventFixtures.callReceived(FAST, callId, oldDue));
        stream.publish(CallbackExtended.of(FAST, callId, Instant.now(), oldDue, newDue, "佐藤"));

        List<OrikaeshiEvent> events = stream.await(callId, 2);

        CallbackWarned warned = assertInstanceOf(CallbackWarned.class, events.get(0));
        assertEquals(newDue, warned.dueAt());
        assertFiredAtItsTime(newDue.minusSeconds(1), warned);
        CallbackOverdue overdue = assertInstanceOf(CallbackOverdue.class, events.get(1));
        assertEquals(newDue, overdue.dueAt());
        assertFiredAtItsTime(newDue, overdue);
    }

    @Test
    void extensionBackToAnEarlierDueTimeEmitsEventsWithNewIds() {
        String callId = EventFixtures.newCallId();
        Instant due = inMillis(1500);
        stream.publish(EventFixtures.callReceived(FAST, callId, due));
        CallbackOverdue first = stream.await(callId, CallbackOverdue.class, 1).get(0);

        // The caller agreed to a new time, then the old one again: a second promise, not a re-emission.
        Instant later = inMillis(60_000);
        stream.publish(CallbackExtended.of(FAST, callId, Instant.now(), due, later, "佐藤"));
        stream.publish(CallbackExtended.of(FAST, callId, Instant.now(), later, due, "佐藤"));

        List<CallbackOverdue> overdues = stream.await(callId, CallbackOverdue.class, 2);
        assertEquals(due, overdues.get(1).dueAt());
        assertNotEquals(first.eventId(), overdues.get(1).eventId());
    }

    @Test
    void completionBeforeTheWarningStopsEveryClock() {
        String callId = EventFixtures.newCallId();
        Instant due = inMillis(2500);
        stream.publish(EventFixtures.callReceived(FAST, callId, due));
        stream.publish(EventFixtures.completed(FAST, callId));

        sleepUntil(due.plusSeconds(3));

        assertEquals(List.of(), stream.all(callId, Duration.ofMillis(500)));
    }

    @Test
    void cancellationAfterTheWarningStopsTheOverdueAndTheChain() {
        String callId = EventFixtures.newCallId();
        Instant due = inMillis(2500);
        stream.publish(EventFixtures.callReceived(FAST, callId, due));
        assertInstanceOf(CallbackWarned.class, stream.await(callId, 1).get(0));
        stream.publish(CallbackCancelled.of(FAST, callId, Instant.now(), "caller no longer needs it", "op-1"));

        sleepUntil(due.plusSeconds(3));

        List<OrikaeshiEvent> events = stream.all(callId, Duration.ofMillis(500));
        assertEquals(1, events.size(), "only the warning: " + events.stream().map(OrikaeshiEvent::type).toList());
    }

    @Test
    void acknowledgementStopsTheEscalationChainButNotTheOverdue() {
        String callId = EventFixtures.newCallId();
        Instant due = inMillis(1500);
        stream.publish(EventFixtures.callReceived(FAST, callId, due));
        stream.publish(CallbackAcknowledged.of(FAST, callId, Instant.now(), "佐藤"));

        sleepUntil(due.plusSeconds(3));

        List<String> types = stream.all(callId, Duration.ofMillis(500)).stream().map(OrikaeshiEvent::type).toList();
        assertEquals(List.of("CallbackWarned", "CallbackOverdue"), types);
    }

    @Test
    void chaseCallEscalatesAtOnceLongBeforeTheDueTime() {
        String callId = EventFixtures.newCallId();
        Instant due = inMillis(600_000);
        stream.publish(EventFixtures.callReceived(FAST, callId, due));
        Instant chasedAt = Instant.now();
        stream.publish(CallbackChased.of(FAST, callId, chasedAt, EventFixtures.newCallId(), 1));

        CallbackEscalated escalated = assertInstanceOf(CallbackEscalated.class, stream.await(callId, 1).get(0));
        assertEquals(1, escalated.level());
        assertEquals(due, escalated.dueAt());
        assertTrue(Duration.between(chasedAt, escalated.occurredAt()).toMillis() < 2000,
                "escalated " + Duration.between(chasedAt, escalated.occurredAt()) + " after the chase");

        stream.publish(CallbackChased.of(FAST, callId, Instant.now(), EventFixtures.newCallId(), 2));
        CallbackEscalated again = assertInstanceOf(CallbackEscalated.class, stream.await(callId, 2).get(1));
        assertEquals(2, again.level(), "a second chase goes one level higher");
        assertEquals("desk@fast.example", again.target());
    }

    @Test
    void chaseBeforeTheDueTimeEscalatesAsAChaseWithTheRealDueTime() {
        String callId = EventFixtures.newCallId();
        Instant due = inMillis(3_600_000);
        stream.publish(EventFixtures.callReceived(FAST, callId, due));
        stream.publish(CallbackChased.of(FAST, callId, Instant.now(), EventFixtures.newCallId(), 1));

        CallbackEscalated escalated = assertInstanceOf(CallbackEscalated.class, stream.await(callId, 1).get(0));

        assertEquals(EscalationReason.CHASE, escalated.reason());
        assertEquals(due, escalated.dueAt());
        assertTrue(escalated.occurredAt().isBefore(due));
        assertTrue(stream.all(callId, Duration.ofSeconds(1)).stream().noneMatch(CallbackOverdue.class::isInstance),
                "no overdue before the due time");
    }

    @Test
    void promiseOwnedByOnePersonFallsBackToThePool() {
        String callId = EventFixtures.newCallId();
        stream.publish(EventFixtures.callReceived("pool-jp", callId, inMillis(600_000)));

        CallbackReassigned reassigned = assertInstanceOf(CallbackReassigned.class, stream.await(callId, 1).get(0));
        assertEquals("受付チーム", reassigned.assignee());
        assertEquals(AssigneeKind.POOL, reassigned.assigneeKind());
    }

    @Test
    void reassignmentToThePoolBeforeTheFallbackCancelsIt() {
        String callId = EventFixtures.newCallId();
        stream.publish(EventFixtures.callReceived("pool-jp", callId, inMillis(600_000)));
        stream.publish(CallbackReassigned.of("pool-jp", callId, Instant.now(), "受付チーム", AssigneeKind.POOL, "op-1"));

        sleepUntil(Instant.now().plusSeconds(2));

        assertEquals(List.of(), stream.all(callId, Duration.ofMillis(500)));
    }

    private static void sleepUntil(Instant instant) {
        long millis = Duration.between(Instant.now(), instant).toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
