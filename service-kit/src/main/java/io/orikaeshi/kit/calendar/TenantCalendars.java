package io.orikaeshi.kit.calendar;

import io.orikaeshi.kit.tenant.TenantSettings;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each tenant's business calendar, built once per revision of its settings (parsing opening hours and setting up
 * the holiday source) instead of on every promise or mail. One entry per tenant: a newer revision replaces the
 * older calendar, so a tenant edited often does not accumulate calendars.
 */
@ApplicationScoped
public class TenantCalendars {

    private record Built(long revision, BusinessCalendar calendar) {
    }

    private final Map<String, Built> calendars = new ConcurrentHashMap<>();

    public BusinessCalendar of(TenantSettings tenant) {
        return calendars.compute(tenant.id(), (id, built) -> built != null && built.revision() == tenant.revision()
                ? built
                : new Built(tenant.revision(), BusinessCalendar.of(tenant.config().calendar(), tenant.timeZone())))
                .calendar();
    }
}
