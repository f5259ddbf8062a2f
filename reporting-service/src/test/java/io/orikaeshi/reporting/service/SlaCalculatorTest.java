package io.orikaeshi.reporting.service;

import io.orikaeshi.reporting.rest.SlaFigures;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SlaCalculatorTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Instant NOW = Instant.parse("2026-07-01T00:00:00Z");

    private static PromiseOutcome done(String received, long dueAfter, long doneAfter) {
        Instant r = Instant.parse(received);
        return new PromiseOutcome(r, "a", "COMPLETED", r.plusSeconds(dueAfter), r.plusSeconds(doneAfter), 0, 0, 0);
    }

    @Test
    void completedExactlyAtTheDueTimeIsKeptAndOneSecondLaterIsNot() {
        SlaFigures f = SlaCalculator.figures(List.of(done("2026-06-01T15:00:00Z", 600, 600),
                done("2026-06-01T15:00:00Z", 600, 601)), Period.DAY, NEW_YORK, false, NOW).get(0);

        assertEquals(2, f.measured());
        assertEquals(1, f.keptOnTime());
        assertEquals(0.5, f.keptShare());
    }

    @Test
    void openPromisesCountOnlyOnceTheirDueTimeHasPassedAndCancelledOnesNever() {
        Instant r = Instant.parse("2026-06-01T15:00:00Z");
        List<PromiseOutcome> outcomes = List.of(
                new PromiseOutcome(r, "a", "OPEN", NOW.plusSeconds(60), null, 0, 0, 0),
                new PromiseOutcome(r, "a", "OPEN", NOW.minusSeconds(60), null, 1, 2, 3),
                new PromiseOutcome(r, "a", "CANCELLED", NOW.minusSeconds(60), null, 1, 0, 0));

        SlaFigures f = SlaCalculator.figures(outcomes, Period.DAY, NEW_YORK, false, NOW).get(0);

        assertEquals(2, f.promises());
        assertEquals(1, f.measured());
        assertEquals(0, f.keptOnTime());
        assertEquals(0.0, f.keptShare());
        assertNull(f.medianSecondsToCallback());
        assertEquals(1, f.overdue());
        assertEquals(2, f.escalations());
        assertEquals(3, f.chases());
    }

    @Test
    void periodsFollowTheTenantsCalendarNotUtc() {
        // 2026-06-02T03:00Z is still June 1st in New York; Monday 2026-06-01 starts the week.
        List<SlaFigures> days = SlaCalculator.figures(List.of(done("2026-06-02T03:00:00Z", 60, 30),
                done("2026-06-02T05:00:00Z", 60, 30)), Period.DAY, NEW_YORK, false, NOW);
        List<SlaFigures> weeks = SlaCalculator.figures(List.of(done("2026-06-07T12:00:00Z", 60, 30),
                done("2026-06-08T12:00:00Z", 60, 30)), Period.WEEK, NEW_YORK, false, NOW);

        assertEquals(List.of(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 2)),
                days.stream().map(SlaFigures::periodStart).toList());
        assertEquals(List.of(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 8)),
                weeks.stream().map(SlaFigures::periodStart).toList());
    }

    @Test
    void percentilesAreNearestRank() {
        List<Long> ten = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);

        assertEquals(5L, SlaCalculator.percentile(ten, 0.5));
        assertEquals(9L, SlaCalculator.percentile(ten, 0.9));
        assertEquals(7L, SlaCalculator.percentile(List.of(7L), 0.9));
        assertNull(SlaCalculator.percentile(List.of(), 0.5));
    }
}
