package io.orikaeshi.reporting.service;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** SLA periods, in the tenant's calendar; a week starts on Monday (ISO 8601, as in Japan's business use). */
public enum Period {
    DAY, WEEK, MONTH;

    public LocalDate start(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    /** Empty when the text names no period (day, week or month, in any case). */
    public static java.util.Optional<Period> parse(String text) {
        try {
            return java.util.Optional.of(valueOf(text.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return java.util.Optional.empty();
        }
    }
}
