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

    /** Open MON-FRI 09:00-18:00 Tokyo with Japanese holidays, and asks for quiet hours. */
    private static final TenantSettings OFFICE = RoutingTest.tenant(Optional.empty(), true, "MON-FRI 09:00-18:00");

    // Calendars are cached per tenant id and revision, and every tenant here is acme-jp at revision 0: one
    // QuietHours (with its own calendars) per configuration.
    private final QuietHours quietHours = new QuietHours(new TenantCalendars());

    private static Instant tokyo(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + "+09:00").toInstant();
    }

    private void assertGoesAtOnce(TenantSettings tenant, boolean urgent, String... tokyoTimes) {
        for (String time : tokyoTimes) {
            assertEquals(Optional.empty(), quietHours.holdUntil(tenant, urgent, tokyo(time)), time);
        }
    }

    private void assertHeldUntil(TenantSettings tenant, String opening, String... tokyoTimes) {
        for (String time : tokyoTimes) {
            assertEquals(Optional.of(tokyo(opening)), quietHours.holdUntil(tenant, false, tokyo(time)), time);
        }
    }

    @Test
    void whileTheTenantIsOpenMailGoesAtOnce() {
        assertGoesAtOnce(OFFICE, false, "2026-11-20T09:00:00", "2026-11-20T17:59:59");
    }

    @Test
    void aFewHoursBeforeMidnightMailWaitsForTheNextMorningsOpening() {
        assertHeldUntil(OFFICE, "2026-11-19T09:00:00", "2026-11-18T18:00:00", "2026-11-18T23:30:00");
    }

    @Test
    void afterMidnightMailStillWaitsForThatMorningsOpening() {
        assertHeldUntil(OFFICE, "2026-11-19T09:00:00", "2026-11-19T00:30:00", "2026-11-19T08:59:59");
    }

    @Test
    void aFridayEveningMailWaitsPastTheWeekendAndTheNationalHoliday() {
        // Monday 2026-11-23 is 勤労感謝の日: the next opening is Tuesday 09:00.
        assertHeldUntil(OFFICE, "2026-11-24T09:00:00", "2026-11-20T19:00:00", "2026-11-23T12:00:00");
    }

    @Test
    void anOpeningThatSpansMidnightKeepsMailFlowingAcrossIt() {
        TenantSettings nightShift = RoutingTest.tenant(Optional.empty(), true, "MON-SUN 00:00-06:00,22:00-24:00");

        assertGoesAtOnce(nightShift, false, "2026-11-18T23:59:00", "2026-11-19T00:00:00", "2026-11-19T05:59:00");
        assertHeldUntil(nightShift, "2026-11-19T22:00:00", "2026-11-19T06:00:00");
    }

    @Test
    void anUrgentCallIsMailedWhateverTheHour() {
        assertGoesAtOnce(OFFICE, true, "2026-11-20T23:30:00", "2026-11-23T12:00:00");
    }

    @Test
    void aTenantWithoutQuietHoursIsMailedWhateverTheHour() {
        assertGoesAtOnce(RoutingTest.tenant(Optional.empty(), false, "MON-FRI 09:00-18:00"), false,
                "2026-11-20T23:30:00");
    }
}
