package io.orikaeshi.kit.calendar;

import io.orikaeshi.events.tenant.TenantProfile;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A tenant's business time: weekly opening hours (split shifts allowed) in the tenant's time zone, closed on national
 * and company holidays.
 *
 * <p>Every answer is an {@link Instant}; opening hours are local wall-clock times turned into instants day by day
 * with {@link java.time.ZonedDateTime}, so a period keeps its local times across a DST change ("09:00" is 09:00 EST
 * before and 09:00 EDT after) and business time is measured as real elapsed time inside the periods (an always-open
 * tenant's spring-forward day has 23 business hours). A local time that does not exist (inside a DST gap) moves
 * forward by the gap, as {@code ZonedDateTime} does.
 *
 * <p>Immutable and thread-safe. Periods run from their start (inclusive) to their end (exclusive).
 */
public final class BusinessCalendar {

    /** Searching further than this for an opening means the calendar is never open: a configuration error. */
    private static final int MAX_DAYS_SEARCHED = 3 * 366;

    private final ZoneId zone;
    private final OpeningHours hours;
    private final Holidays nationalHolidays;
    private final Set<LocalDate> companyHolidays;

    public BusinessCalendar(ZoneId zone, OpeningHours hours, Holidays nationalHolidays,
            Set<LocalDate> companyHolidays) {
        this.zone = Objects.requireNonNull(zone);
        this.hours = Objects.requireNonNull(hours);
        this.nationalHolidays = Objects.requireNonNull(nationalHolidays);
        this.companyHolidays = Set.copyOf(companyHolidays);
    }

    /** The calendar a tenant configured ({@code orikaeshi.tenants.<id>.calendar.*}) in the tenant's time zone. */
    public static BusinessCalendar of(TenantProfile.Calendar config, ZoneId zone) {
        return new BusinessCalendar(zone, OpeningHours.parse(config.openingHours()),
                Holidays.ofCountry(config.holidays()), Set.copyOf(config.companyHolidays().orElse(List.of())));
    }

    public ZoneId zone() {
        return zone;
    }

    /** Whether the tenant works on this local date at all: it has opening hours and is no holiday. */
    public boolean isBusinessDay(LocalDate date) {
        return !hours.closedOn(date.getDayOfWeek()) && !companyHolidays.contains(date)
                && !nationalHolidays.isHoliday(date);
    }

    /** Whether {@code at} falls inside an opening period of a business day. */
    public boolean isOpen(Instant at) {
        for (Interval period : periodsOf(localDate(at))) {
            if (period.contains(at)) {
                return true;
            }
        }
        return false;
    }

    /** {@code at} itself when open, else the start of the next opening period. */
    public Instant nextOpening(Instant at) {
        return addBusinessTime(at, Duration.ZERO);
    }

    /**
     * The start of the first opening period of the first business day after the local date of {@code after}:
     * "next business day" as a caller means it (called on Friday evening or Saturday, it is Monday's opening unless
     * Monday is a holiday).
     */
    public Instant nextBusinessDayStart(Instant after) {
        LocalDate date = localDate(after);
        for (int i = 0; i < MAX_DAYS_SEARCHED; i++) {
            date = date.plusDays(1);
            List<Interval> periods = periodsOf(date);
            if (!periods.isEmpty()) {
                return periods.get(0).start();
            }
        }
        throw neverOpen();
    }

    /**
     * "Next business day": {@code within} business time after the next business day's opening (see
     * {@link #nextBusinessDayStart}), e.g. 12:00 for a 09:00 opening and three hours.
     */
    public Instant nextBusinessDayDue(Instant after, Duration within) {
        return addBusinessTime(nextBusinessDayStart(after), within);
    }

    /**
     * The instant at which {@code duration} of business time has elapsed since {@code start}: the clock runs only
     * inside opening periods. A result at the end of a period stays there ("2 hours from 16:00" with closing at 18:00
     * is 18:00 the same day, not the next opening); a zero duration from a closed instant is the next opening.
     */
    public Instant addBusinessTime(Instant start, Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("Business time cannot be negative: " + duration);
        }
        Duration remaining = duration;
        LocalDate date = localDate(start);
        for (int i = 0; i < MAX_DAYS_SEARCHED; i++, date = date.plusDays(1)) {
            for (Interval period : periodsOf(date)) {
                if (!period.end().isAfter(start)) {
                    continue;
                }
                Instant from = period.start().isAfter(start) ? period.start() : start;
                Duration available = Duration.between(from, period.end());
                if (remaining.compareTo(available) <= 0) {
                    return from.plus(remaining);
                }
                remaining = remaining.minus(available);
            }
        }
        throw neverOpen();
    }

    private LocalDate localDate(Instant at) {
        return at.atZone(zone).toLocalDate();
    }

    private List<Interval> periodsOf(LocalDate date) {
        if (!isBusinessDay(date)) {
            return List.of();
        }
        return hours.on(date.getDayOfWeek()).stream()
                .map(p -> new Interval(date.atTime(p.start()).atZone(zone).toInstant(),
                        p.endsAtMidnight()
                                ? date.plusDays(1).atStartOfDay(zone).toInstant()
                                : date.atTime(p.end()).atZone(zone).toInstant()))
                .filter(interval -> interval.end().isAfter(interval.start()))
                .toList();
    }

    private IllegalStateException neverOpen() {
        return new IllegalStateException("Business calendar in " + zone + " has no opening within "
                + MAX_DAYS_SEARCHED + " days: check its opening hours and holidays");
    }

    private record Interval(Instant start, Instant end) {
        boolean contains(Instant at) {
            return !at.isBefore(start) && at.isBefore(end);
        }
    }
}
