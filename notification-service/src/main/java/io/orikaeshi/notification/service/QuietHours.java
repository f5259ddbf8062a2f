package io.orikaeshi.notification.service;

import io.orikaeshi.kit.calendar.BusinessCalendar;
import io.orikaeshi.kit.calendar.TenantCalendars;
import io.orikaeshi.kit.tenant.TenantSettings;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;

/**
 * Quiet hours: a tenant that asks for them gets mail about non-urgent calls only while it is open (its business
 * calendar); what arrives while it is closed waits in the ledger until the next opening. Mail about a call the
 * operator marked urgent goes at once, whatever the hour.
 */
@ApplicationScoped
public class QuietHours {

    private final TenantCalendars calendars;

    public QuietHours(TenantCalendars calendars) {
        this.calendars = calendars;
    }

    /** When the mail may go out, if not now. */
    public Optional<Instant> holdUntil(TenantSettings tenant, boolean urgent, Instant now) {
        if (urgent || !tenant.config().notifications().quietHours()) {
            return Optional.empty();
        }
        BusinessCalendar calendar = calendars.of(tenant);
        return calendar.isOpen(now) ? Optional.empty() : Optional.of(calendar.nextOpening(now));
    }
}
