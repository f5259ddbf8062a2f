package io.orikaeshi.intake.service;

import io.orikaeshi.kit.calendar.BusinessCalendar;
import io.orikaeshi.kit.calendar.TenantCalendars;
import io.orikaeshi.kit.tenant.TenantSettings;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;

/** Promises measured with the tenant's business calendar (opening hours, national and company holidays). */
@ApplicationScoped
public class CalendarBusinessTime implements BusinessTime {

    private final TenantCalendars calendars;

    public CalendarBusinessTime(TenantCalendars calendars) {
        this.calendars = calendars;
    }

    /** "Next business day (morning)": the first hours of the next business day. */
    static final Duration NEXT_DAY_MORNING = Duration.ofHours(3);

    @Override
    public Instant nextBusinessDayDue(TenantSettings tenant, Instant from) {
        BusinessCalendar calendar = calendars.of(tenant);
        return calendar.addBusinessTime(calendar.nextBusinessDayStart(from), NEXT_DAY_MORNING);
    }

    @Override
    public Instant addBusinessTime(TenantSettings tenant, Instant from, Duration amount) {
        return calendars.of(tenant).addBusinessTime(from, amount);
    }
}
