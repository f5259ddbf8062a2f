package io.orikaeshi.scheduler.service;

import io.orikaeshi.events.AssigneeKind;
import io.orikaeshi.scheduler.repository.PlannedTimer;
import io.orikaeshi.scheduler.repository.TimerKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PromisePolicyTest {

    private static final Instant PROMISED = Instant.parse("2026-02-03T01:00:00Z");

    private static final PromisePolicy ACME = new PromisePolicy(Duration.ofMinutes(13), 0.5,
            List.of(new PromisePolicy.Escalation(Duration.ofMinutes(10), "assignee"),
                    new PromisePolicy.Escalation(Duration.ofMinutes(30), "sv@acme.example")),
            "受付チーム", Optional.of(Duration.ofHours(1)));

    private static PlannedTimer only(List<PlannedTimer> timers, TimerKind kind) {
        return timers.stream().filter(t -> t.kind() == kind).findFirst().orElseThrow();
    }

    @Test
    void promiseIsWarnedTheTenantsLeadBeforeItsDueTime() {
        Instant due = PROMISED.plus(Duration.ofHours(2));
        assertEquals(due.minus(Duration.ofMinutes(13)),
                only(ACME.timers(PROMISED, due, AssigneeKind.PERSON), TimerKind.WARN).fireAt());
    }

    @Test
    void shortPromiseIsWarnedAtMostHalfItsWindowBefore() {
        Instant due = PROMISED.plus(Duration.ofMinutes(10));
        assertEquals(due.minus(Duration.ofMinutes(5)),
                only(ACME.timers(PROMISED, due, AssigneeKind.PERSON), TimerKind.WARN).fireAt());
    }

    @Test
    void escalationLevelsFollowTheDueTimeWithTheirTargets() {
        Instant due = PROMISED.plus(Duration.ofHours(2));
        List<PlannedTimer> escalations = ACME.timers(PROMISED, due, AssigneeKind.PERSON).stream()
                .filter(t -> t.kind() == TimerKind.ESCALATE).toList();
        assertEquals(List.of(
                new PlannedTimer(TimerKind.ESCALATE, 1, due.plus(Duration.ofMinutes(10)), "assignee"),
                new PlannedTimer(TimerKind.ESCALATE, 2, due.plus(Duration.ofMinutes(30)), "sv@acme.example")),
                escalations);
    }

    @Test
    void onlyAPromiseOwnedByOnePersonFallsBackToThePool() {
        Instant due = PROMISED.plus(Duration.ofHours(2));
        assertEquals(new PlannedTimer(TimerKind.POOL_FALLBACK, 0, PROMISED.plus(Duration.ofHours(1)), "受付チーム"),
                only(ACME.timers(PROMISED, due, AssigneeKind.PERSON), TimerKind.POOL_FALLBACK));
        assertEquals(List.of(TimerKind.WARN, TimerKind.OVERDUE, TimerKind.ESCALATE, TimerKind.ESCALATE),
                ACME.timers(PROMISED, due, AssigneeKind.POOL).stream().map(PlannedTimer::kind).toList());
    }

    @Test
    void aZeroWarningLeadMeansNoWarning() {
        PromisePolicy noWarning = new PromisePolicy(Duration.ZERO, 0.5, ACME.escalation(), "受付チーム", Optional.empty());
        Instant due = PROMISED.plus(Duration.ofHours(2));
        assertEquals(List.of(TimerKind.OVERDUE, TimerKind.ESCALATE, TimerKind.ESCALATE),
                noWarning.timers(PROMISED, due, AssigneeKind.POOL).stream().map(PlannedTimer::kind).toList());
    }

    @Test
    void promiseAlreadyDueWhenMadeGetsNoWarning() {
        assertEquals(List.of(TimerKind.OVERDUE), PromisePolicy.overdueOnly()
                .timers(PROMISED, PROMISED, AssigneeKind.PERSON).stream().map(PlannedTimer::kind).toList());
        assertEquals(List.of(), ACME.timers(PROMISED, PROMISED.minusSeconds(60), AssigneeKind.POOL).stream()
                .filter(t -> t.kind() == TimerKind.WARN).toList());
    }

    @Test
    void chaseBeyondTheChainKeepsAlertingItsLastLevel() {
        assertEquals("assignee", ACME.escalationTarget(1));
        assertEquals("sv@acme.example", ACME.escalationTarget(2));
        assertEquals("sv@acme.example", ACME.escalationTarget(5));
        assertEquals("assignee", PromisePolicy.overdueOnly().escalationTarget(1));
    }

    @Test
    void repeatNoticeIsDueTheTenantsDelayAfterTheReportAndIsNoClockOfAVersion() {
        PromisePolicy repeating = new PromisePolicy(ACME.warningLead(), 0.5, ACME.escalation(), ACME.pool(),
                ACME.poolFallbackAfter(), Optional.of(Duration.ofMinutes(15)));
        Instant reported = PROMISED.plusSeconds(20);

        assertEquals(Optional.of(PlannedTimer.of(TimerKind.REPEAT, reported.plus(Duration.ofMinutes(15)))),
                repeating.repeat(reported));
        assertEquals(Optional.empty(), ACME.repeat(reported), "no delay, no notice");
        assertEquals(List.of(), repeating.timers(PROMISED, PROMISED.plus(Duration.ofHours(2)), AssigneeKind.PERSON)
                .stream().filter(t -> t.kind() == TimerKind.REPEAT).toList(), "an extension re-arms no notice");
    }
}
