package io.orikaeshi.notification.service;

import io.orikaeshi.kit.calendar.TenantCalendars;
import io.orikaeshi.kit.tenant.TenantSettings;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** When a mail about a call may go out, on plain tenants and a plain calendar. */
class QuietHoursTest {

    private static final QuietHours QUIET_HOURS = new QuietHours(new TenantCalendars());
    /** Open MON-FRI 09:00-18:00 Tokyo with Japanese holidays, and asks for quiet hours. */
    private static final TenantSettings OFFICE = RoutingTest.tenant(Optional.empty(), true, "MON-FRI 09:00-18:00");

    private static Instant tokyo(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + "+09:00").toInstant();
    }

    private static Optional<Instant> holdUntil(TenantSettings tenant, boolean urgent, String tokyoTime) {
        return QUIET_HOURS.holdUntil(tenant, urgent, tokyo(tokyoTime));
    }

    @Test
    void whileTheTenantIsOpenMailGoesAtOnce() {
        assertEquals(Optional.empty(), holdUntil(OFFICE, false, "2026-11-20T09:00:00"));
        assertEquals(Optional.empty(), holdUntil(OFFICE, false, "2026-11-20T17:59:59"));
    }

    @Test
    void aFewHoursBeforeMidnightMailWaitsForTheNextMorningsOpening() {
        assertEquals(Optional.of(tokyo("2026-11-19T09:00:00")), holdUntil(OFFICE, false, "2026-11-18T23:30:00"));
        assertEquals(Optional.of(tokyo("2026-11-19T09:00:00")), holdUntil(OFFICE, false, "2026-11-18T18:00:00"));
    }

    @Test
    void afterMidnightMailStillWaitsForThatMorningsOpening() {
        assertEquals(Optional.of(tokyo("2026-11-19T09:00:00")), holdUntil(OFFICE, false, "2026-11-19T00:30:00"));
        assertEquals(Optional.of(tokyo("2026-11-19T09:00:00")), holdUntil(OFFICE, false, "2026-11-19T08:59:59"));
    }

    @Test
    void aFridayEveningMailWaitsPastTheWeekendAndTheNationalHoliday() {
        // Monday 2026-11-23 is 勤労感謝の日: the next opening is Tuesday 09:00.
        assertEquals(Optional.of(tokyo("2026-11-24T09:00:00")), holdUntil(OFFICE, false, "2026-11-20T19:00:00"));
    }

    @Test
    void anOpeningThatSpansMidnightKeepsMailFlowingAcrossIt() {
        TenantSettings nightShift = RoutingTest.tenant(Optional.empty(), true, "MON-SUN 00:00-06:00,22:00-24:00");
        // Calendars are cached per tenant id and revision: a calendar of its own for this other configuration.
        QuietHours quietHours = new QuietHours(new TenantCalendars());

        assertEquals(Optional.empty(), quietHours.holdUntil(nightShift, false, tokyo("2026-11-18T23:59:00")));
        assertEquals(Optional.empty(), quietHours.holdUntil(nightShift, false, tokyo("2026-11-19T00:00:00")));
        assertEquals(Optional.empty(), quietHours.holdUntil(nightShift, false, tokyo("2026-11-19T05:59:00")));
        assertEquals(Optional.of(tokyo("2026-11-19T22:00:00")),
                quietHours.holdUntil(nightShift, false, tokyo("2026-11-19T06:00:00")));
    }

    @Test
    void anUrgentCallIsMailedWhateverTheHour() {
        assertEquals(Optional.empty(), holdUntil(OFFICE, true, "2026-11-20T23:30:00"));
        assertEquals(Optional.empty(), holdUntil(OFFICE, true, "2026-11-23T12:00:00"));
    }

    @Test
    void aTenantWithoutQuietHoursIsMailedWhateverTheHour() {
        TenantSettings noQuietHours = RoutingTest.tenant(Optional.empty(), false, "MON-FRI 09:00-18:00");

        assertEquals(Optional.empty(), holdUntil(noQuietHours, false, "2026-11-20T23:30:00"));
    }
}
