package io.orikaeshi.kit.calendar;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BusinessCalendarTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** Like acme-jp: a lunch break, Japanese holidays, a company holiday at year end. */
    private static final BusinessCalendar ACME = new BusinessCalendar(TOKYO,
            OpeningHours.parse("MON-FRI 09:00-12:00,13:00-18:00; SAT 10:00-13:00"), Holidays.ofCountry("JP"),
            Set.of(LocalDate.parse("2026-12-29")));

    private static final BusinessCalendar GLOBEX = new BusinessCalendar(NEW_YORK,
            OpeningHours.parse("MON-FRI 09:00-17:00"), Holidays.ofCountry("US"), Set.of());

    private static Instant tokyo(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(TOKYO).toInstant();
    }

    private static Instant newYork(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(NEW_YORK).toInstant();
    }

    @Test
    void businessTimeSkipsTheLunchBreakOfASplitShift() {
        // 11:00 + 2h: one hour until 12:00, the second after the break, from 13:00.
        assertEquals(tokyo("2026-02-03T14:00"), ACME.addBusinessTime(tokyo("2026-02-03T11:00"), Duration.ofHours(2)));
    }

    @Test
    void businessTimeStartedDuringTheBreakStartsCountingAtTheAfternoonOpening() {
        assertEquals(tokyo("2026-02-03T13:30"),
                ACME.addBusinessTime(tokyo("2026-02-03T12:15"), Duration.ofMinutes(30)));
    }

    @Test
    void businessTimeEndingExactlyAtClosingStaysAtClosing() {
        assertEquals(tokyo("2026-02-03T18:00"), ACME.addBusinessTime(tokyo("2026-02-03T16:00"), Duration.ofHours(2)));
    }

    @Test
    void businessTimeCarriesOverTheNightIntoTheNextBusinessDay() {
        // Friday 17:00 + 2h: one hour Friday, one hour Saturday morning (open 10:00-13:00).
        assertEquals(tokyo("2026-02-07T11:00"), ACME.addBusinessTime(tokyo("2026-02-06T17:00"), Duration.ofHours(2)));
    }

    @Test
    void japaneseHolidayMondayIsClosed() {
        // 2026-01-12 is 成人の日 (second Monday of January).
        assertFalse(ACME.isBusinessDay(LocalDate.parse("2026-01-12")));
        assertFalse(ACME.isOpen(tokyo("2026-01-12T10:00")));
        assertTrue(ACME.isOpen(tokyo("2026-01-13T10:00")));
    }

    @Test
    void nextBusinessDayAfterSaturdaySkipsSundayAndTheHolidayMonday() {
        assertEquals(tokyo("2026-01-13T09:00"), ACME.nextBusinessDayStart(tokyo("2026-01-10T11:00")));
    }

    @Test
    void nextBusinessDayIsDueTheConfiguredBusinessTimeAfterItsOpening() {
        // The default three hours: 09:00 + 3h = 12:00; a tenant that says one hour: 10:00.
        Instant saturday = tokyo("2026-01-10T11:00");
        assertEquals(tokyo("2026-01-13T12:00"), ACME.nextBusinessDayDue(saturday, Duration.ofHours(3)));
        assertEquals(tokyo("2026-01-13T10:00"), ACME.nextBusinessDayDue(saturday, Duration.ofHours(1)));
    }

    @Test
    void businessTimeRunsOverTheHolidayMondayWithoutCountingIt() {
        // Saturday 12:00 + 2h: one hour until 13:00 Saturday, Sunday closed, Monday 成人の日 closed, Tuesday 09:00-10:00.
        assertEquals(tokyo("2026-01-13T10:00"), ACME.addBusinessTime(tokyo("2026-01-10T12:00"), Duration.ofHours(2)));
    }

    @Test
    void japaneseSubstituteHolidayIsClosed() {
        // 憲法記念日 2026-05-03 falls on a Sunday: Wednesday 2026-05-06 is the substitute holiday (振替休日).
        assertFalse(ACME.isBusinessDay(LocalDate.parse("2026-05-06")));
        assertTrue(ACME.isBusinessDay(LocalDate.parse("2026-05-07")));
    }

    @Test
    void companyHolidayIsClosed() {
        assertTrue(ACME.isBusinessDay(LocalDate.parse("2026-12-28")));
        assertFalse(ACME.isBusinessDay(LocalDate.parse("2026-12-29")));
    }

    @Test
    void nextOpeningIsTheInstantItselfWhenOpenAndTheNextPeriodStartOtherwise() {
        assertEquals(tokyo("2026-02-03T10:15"), ACME.nextOpening(tokyo("2026-02-03T10:15")));
        assertEquals(tokyo("2026-02-03T13:00"), ACME.nextOpening(tokyo("2026-02-03T12:00")));
        assertEquals(tokyo("2026-02-04T09:00"), ACME.nextOpening(tokyo("2026-02-03T18:00")));
    }

    @Test
    void openingPeriodEndIsExclusive() {
        assertTrue(ACME.isOpen(tokyo("2026-02-03T11:59:59")));
        assertFalse(ACME.isOpen(tokyo("2026-02-03T12:00")));
        assertTrue(ACME.isOpen(tokyo("2026-02-03T13:00")));
    }

    @Test
    void newYorkOpeningKeepsItsLocalTimeAfterSpringForward() {
        // DST starts Sunday 2026-03-08: Friday 16:00 EST + 2h = one hour Friday, one hour from Monday 09:00 EDT.
        Instant due = GLOBEX.addBusinessTime(newYork("2026-03-06T16:00"), Duration.ofHours(2));
        assertEquals(newYork("2026-03-09T10:00"), due);
        assertEquals(Instant.parse("2026-03-09T14:00:00Z"), due, "10:00 EDT is UTC-4");
        assertEquals(Instant.parse("2026-03-09T13:00:00Z"), GLOBEX.nextBusinessDayStart(newYork("2026-03-06T18:00")));
    }

    @Test
    void newYorkOpeningKeepsItsLocalTimeAfterFallBack() {
        // DST ends Sunday 2026-11-01: Friday 16:00 EDT + 2h lands on Monday 10:00 EST = 15:00 UTC.
        Instant due = GLOBEX.addBusinessTime(newYork("2026-10-30T16:00"), Duration.ofHours(2));
        assertEquals(Instant.parse("2026-11-02T15:00:00Z"), due);
    }

    @Test
    void alwaysOpenTenantsSpringForwardDayHasTwentyThreeBusinessHours() {
        BusinessCalendar allDay = new BusinessCalendar(NEW_YORK, OpeningHours.parse("MON-SUN 00:00-24:00"),
                Holidays.NONE, Set.of());
        assertEquals(newYork("2026-03-09T00:00"),
                allDay.addBusinessTime(newYork("2026-03-08T00:00"), Duration.ofHours(23)));
        assertEquals(newYork("2026-11-02T00:00"),
                allDay.addBusinessTime(newYork("2026-11-01T00:00"), Duration.ofHours(25)));
    }

    @Test
    void usFederalHolidayIsClosed() {
        // Independence Day 2026 is a Saturday, observed Friday 2026-07-03; Thanksgiving is 2026-11-26.
        assertFalse(GLOBEX.isBusinessDay(LocalDate.parse("2026-11-26")));
        assertTrue(GLOBEX.isBusinessDay(LocalDate.parse("2026-11-25")));
    }

    @Test
    void calendarThatIsNeverOpenIsRejectedInsteadOfLoopingForever() {
        BusinessCalendar closed = new BusinessCalendar(TOKYO, OpeningHours.parse(""), Holidays.NONE, Set.of());
        assertThrows(IllegalStateException.class,
                () -> closed.addBusinessTime(tokyo("2026-02-03T10:00"), Duration.ofHours(1)));
    }

    @Test
    void negativeBusinessTimeIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> ACME.addBusinessTime(tokyo("2026-02-03T10:00"), Duration.ofHours(-1)));
    }
}
