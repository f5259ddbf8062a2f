package io.orikaeshi.intake.service;

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

    /** "Next business day (morning)": the tenant's first business hours of the next business day. */
    @Override
    public Instant nextBusinessDayDue(TenantSettings tenant, Instant from) {
        return calendars.of(tenant).nextBusinessDayDue(from,
                tenant.config().promises().nextBusinessDayDueAfterOpening());
    }

    @Override
    public Instant addBusinessTime(TenantSettings tenant, Instant from, Duration amount) {
        return calendars.of(tenant).addBusinessTime(from, amount);
    }
}
