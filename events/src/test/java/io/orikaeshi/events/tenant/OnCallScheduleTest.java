package io.orikaeshi.events.tenant;

import io.orikaeshi.events.tenant.TenantProfile.OnCallSchedule;
import io.orikaeshi.events.tenant.TenantProfile.Shift;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OnCallScheduleTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private final OnCallSchedule schedule = new OnCallSchedule("day", "日中", List.of(
            new Shift("hanako", LocalDateTime.parse("2026-12-07T09:00"), LocalDateTime.parse("2026-12-07T18:00")),
            new Shift("ichiro", LocalDateTime.parse("2026-12-07T18:00"), LocalDateTime.parse("2026-12-08T09:00"))),
            Optional.of(List.of(new Shift("jiro", LocalDateTime.parse("2026-12-07T12:00"),
                    LocalDateTime.parse("2026-12-07T13:00")))));

    @Test
    void aShiftCoversItsStartButNotItsEnd() {
        assertEquals(Optional.empty(), schedule.onCallAt(tokyo("2026-12-07T08:59:59"), TOKYO));
        assertEquals(Optional.of("hanako"), schedule.onCallAt(tokyo("2026-12-07T09:00:00"), TOKYO));
        assertEquals(Optional.of("hanako"), schedule.onCallAt(tokyo("2026-12-07T17:59:59"), TOKYO));
        assertEquals(Optional.of("ichiro"), schedule.onCallAt(tokyo("2026-12-07T18:00:00"), TOKYO));
        assertEquals(Optional.of("ichiro"), schedule.onCallAt(tokyo("2026-12-08T08:59:59"), TOKYO));
        assertEquals(Optional.empty(), schedule.onCallAt(tokyo("2026-12-08T09:00:00"), TOKYO));
    }

    @Test
    void anOverrideWinsOverTheRotationOnlyWithinItsOwnShift() {
        assertEquals(Optional.of("hanako"), schedule.onCallAt(tokyo("2026-12-07T11:59:59"), TOKYO));
        assertEquals(Optional.of("jiro"), schedule.onCallAt(tokyo("2026-12-07T12:00:00"), TOKYO));
        assertEquals(Optional.of("jiro"), schedule.onCallAt(tokyo("2026-12-07T12:59:59"), TOKYO));
        assertEquals(Optional.of("hanako"), schedule.onCallAt(tokyo("2026-12-07T13:00:00"), TOKYO));
    }

    @Test
    void shiftsAreReadInTheTenantsTimeZone() {
        Instant nineInTokyo = Instant.parse("2026-12-07T00:00:00Z");
        assertEquals(Optional.of("hanako"), schedule.onCallAt(nineInTokyo, TOKYO));
        // The same instant is 19:00 on the 6th in New York: no shift of this schedule covers it there.
        assertEquals(Optional.empty(), schedule.onCallAt(nineInTokyo, NEW_YORK));
        // 09:00 on the 7th in New York is 23:00 in Tokyo: ichiro's in Tokyo, hanako's in New York.
        Instant nineInNewYork = Instant.parse("2026-12-07T14:00:00Z");
        assertEquals(Optional.of("hanako"), schedule.onCallAt(nineInNewYork, NEW_YORK));
        assertEquals(Optional.of("ichiro"), schedule.onCallAt(nineInNewYork, TOKYO));
    }

    private static Instant tokyo(String local) {
        return LocalDateTime.parse(local).atZone(TOKYO).toInstant();
    }
}
