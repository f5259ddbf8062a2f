package io.orikaeshi.scheduler;

import io.orikaeshi.events.AttemptOutcome;
import io.orikaeshi.events.CallbackAttempted;
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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A failed attempt with a next-attempt time reminds the assignee at that time with a CallbackWarned for the promise
 * (the notification service alerts on it). The promises here are due in an hour: no other clock fires meanwhile.
 */
@QuarkusTest
class NextAttemptReminderTest {

    @RegisterExtension
    static final DeadlineEventStream stream = new DeadlineEventStream();

    private static Instant inMillis(long millis) {
        return Instant.now().plusMillis(millis).truncatedTo(ChronoUnit.MILLIS);
    }

    private static CallbackAttempted attempt(String callId, AttemptOutcome outcome, Instant nextAttemptAt) {
        return CallbackAttempted.of("acme-jp", callId, Instant.now(), outcome, nextAttemptAt, "佐藤");
    }

    @Test
    void failedAttemptRemindsTheAssigneeAtTheNextAttemptTime() {
        String callId = EventFixtures.newCallId();
        Instant due = inMillis(Duration.ofHours(1).toMillis());
        stream.publish(EventFixtures.callReceived("acme-jp", callId, due));
        Instant next = inMillis(1500);
        stream.publish(attempt(callId, AttemptOutcome.NO_ANSWER, next));

        CallbackWarned reminder = stream.await(callId, CallbackWarned.class, 1).get(0);

        assertEquals(due, reminder.dueAt(), "the reminder names the promise's due time, which still stands");
        assertEquals("佐藤", reminder.assignee());
        Duration late = Duration.between(next, reminder.occurredAt());
        assertFalse(late.isNegative(), "reminded " + late.negated() + " before the next-attempt time");
        assertTrue(late.toMillis() < 1000, "reminded " + late + " after the next-attempt time");
        assertEquals(1, stream.all(callId, Duration.ofSeconds(1)).size(), "one reminder, nothing else");
    }

    @Test
    void eachFailedAttemptGetsItsOwnReminderAndALaterAttemptReplacesTheEarlierOne() {
        String callId = EventFixtures.newCallId();
        stream.publish(EventFixtures.callReceived("acme-jp", callId, inMillis(Duration.ofHours(1).toMillis())));
        stream.publish(attempt(callId, AttemptOutcome.NO_ANSWER, inMillis(Duration.ofMinutes(30).toMillis())));
        Instant second = inMillis(1500);
        stream.publish(attempt(callId, AttemptOutcome.VOICEMAIL, second));

        CallbackWarned reminder = stream.await(callId, CallbackWarned.class, 1).get(0);

        assertFalse(reminder.occurredAt().isBefore(second));
        assertNotEquals(CallbackWarned.of("acme-jp", callId, reminder.occurredAt(), reminder.dueAt(), "佐藤", 0, 1)
                .eventId(), reminder.eventId(), "a reminder is not the warning before the due time");
        assertEquals(CallbackWarned.of("acme-jp", callId, reminder.occurredAt(), reminder.dueAt(), "佐藤", 2, 1)
                .eventId(), reminder.eventId(), "the second attempt's reminder");
    }

    @Test
    void attemptThatReachedTheCallerWithdrawsThePendingReminder() throws InterruptedException {
        String callId = EventFixtures.newCallId();
        stream.publish(EventFixtures.callReceived("acme-jp", callId, inMillis(Duration.ofHours(1).toMillis())));
        Instant next = inMillis(2000);
        stream.publish(attempt(callId, AttemptOutcome.NO_ANSWER, next));
        stream.publish(attempt(callId, AttemptOutcome.REACHED, null));

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), next.plusSeconds(2)).toMillis()));
        List<OrikaeshiEvent> emitted = stream.all(callId, Duration.ofSeconds(1));

        assertEquals(List.of(), emitted, "no reminder after the caller was reached");
    }
}
