package io.orikaeshi.kit.calendar;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpeningHoursTest {

    @Test
    void parsesDayRangesSplitShiftsAndSingleDays() {
        OpeningHours hours = OpeningHours.parse("MON-FRI 09:00-12:00,13:00-18:00; SAT 10:00-13:00");

        List<OpeningHours.Period> split = List.of(
                new OpeningHours.Period(LocalTime.of(9, 0), LocalTime.of(12, 0)),
                new OpeningHours.Period(LocalTime.of(13, 0), LocalTime.of(18, 0)));
        assertEquals(split, hours.on(DayOfWeek.MONDAY));
        assertEquals(split, hours.on(DayOfWeek.FRIDAY));
        assertEquals(List.of(new OpeningHours.Period(LocalTime.of(10, 0), LocalTime.of(13, 0))),
                hours.on(DayOfWeek.SATURDAY));
        assertTrue(hours.closedOn(DayOfWeek.SUNDAY));
    }

    @Test
    void rangeMayWrapAroundTheWeekend() {
        OpeningHours hours = OpeningHours.parse("SAT-MON 10:00-14:00");
        assertTrue(!hours.closedOn(DayOfWeek.SUNDAY) && !hours.closedOn(DayOfWeek.MONDAY));
        assertTrue(hours.closedOn(DayOfWeek.TUESDAY));
    }

    @Test
    void twentyFourHundredEndsThePeriodAtMidnight() {
        assertTrue(OpeningHours.parse("MON 18:00-24:00").on(DayOfWeek.MONDAY).get(0).endsAtMidnight());
    }

    @Test
    void malformedSpecificationsAreRejectedWithTheirText() {
        IllegalArgumentException noPeriods = assertThrows(IllegalArgumentException.class,
                () -> OpeningHours.parse("MON-FRI"));
        assertTrue(noPeriods.getMessage().contains("MON-FRI"));
        assertThrows(IllegalArgumentException.class, () -> OpeningHours.parse("XYZ 09:00-10:00"));
        assertThrows(IllegalArgumentException.class, () -> OpeningHours.parse("MON 18:00-09:00"));
        assertThrows(IllegalArgumentException.class, () -> OpeningHours.parse("MON 9h-10h"));
    }
}
