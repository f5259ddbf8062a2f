package io.orikaeshi.kit.calendar;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Weekly opening hours in the tenant's local time, parsed from the configuration syntax
 * {@code "MON-FRI 09:00-12:00,13:00-18:00; SAT 10:00-13:00"}: groups separated by ';', each a day or a day range
 * followed by one or more periods. A day not named is closed; several periods a day make split shifts.
 * {@code 24:00} ends a period at midnight, so {@code "MON-SUN 00:00-24:00"} is always open.
 */
public record OpeningHours(Map<DayOfWeek, List<Period>> week) {

    /** One opening period of a day, {@code [start, end)}; {@code end == null} means midnight at the end of the day. */
    public record Period(LocalTime start, LocalTime end) {
        public Period {
            if (end != null && !end.isAfter(start)) {
                throw new IllegalArgumentException("Opening period ends before it starts: " + start + "-" + end);
            }
        }

        public boolean endsAtMidnight() {
            return end == null;
        }
    }

    public OpeningHours {
        EnumMap<DayOfWeek, List<Period>> copy = new EnumMap<>(DayOfWeek.class);
        week.forEach((day, periods) -> copy.put(day, periods.stream()
                .sorted(Comparator.comparing(Period::start)).toList()));
        week = Map.copyOf(copy);
    }

    public List<Period> on(DayOfWeek day) {
        return week.getOrDefault(day, List.of());
    }

    public boolean closedOn(DayOfWeek day) {
        return on(day).isEmpty();
    }

    public static OpeningHours parse(String spec) {
        Map<DayOfWeek, List<Period>> week = new EnumMap<>(DayOfWeek.class);
        for (String group : spec.split(";")) {
            String trimmed = group.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] dayAndPeriods = trimmed.split("\\s+", 2);
            if (dayAndPeriods.length != 2) {
                throw new IllegalArgumentException("Opening hours group needs days and periods: '" + trimmed + "'");
            }
            List<Period> periods = new ArrayList<>();
            for (String period : dayAndPeriods[1].split(",")) {
                periods.add(period(period.trim()));
            }
            for (DayOfWeek day : days(dayAndPeriods[0])) {
                week.computeIfAbsent(day, d -> new ArrayList<>()).addAll(periods);
            }
        }
        return new OpeningHours(week);
    }

    private static List<DayOfWeek> days(String spec) {
        String[] range = spec.split("-");
        DayOfWeek first = day(range[0]);
        DayOfWeek last = range.length == 2 ? day(range[1]) : first;
        List<DayOfWeek> days = new ArrayList<>();
        for (DayOfWeek day = first;; day = day.plus(1)) {
            days.add(day);
            if (day == last) {
                return days;
            }
        }
    }

    private static DayOfWeek day(String abbreviation) {
        String upper = abbreviation.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().startsWith(upper) && upper.length() >= 3) {
                return day;
            }
        }
        throw new IllegalArgumentException("Not a day of the week: '" + abbreviation + "'");
    }

    private static Period period(String spec) {
        String[] bounds = spec.split("-");
        if (bounds.length != 2) {
            throw new IllegalArgumentException("Opening period must be HH:MM-HH:MM: '" + spec + "'");
        }
        try {
            LocalTime start = LocalTime.parse(bounds[0].trim());
            String end = bounds[1].trim();
            return new Period(start, "24:00".equals(end) ? null : LocalTime.parse(end));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Opening period must be HH:MM-HH:MM: '" + spec + "'", e);
        }
    }
}
