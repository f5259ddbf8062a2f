package io.orikaeshi.kit.tenant;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Client companies, from configuration for now ({@code orikaeshi.tenants.<id>.*}; the local run and the tests read
 * config/tenants.properties). A later admin API replaces this source, not the {@link TenantDirectory} callers use.
 */
@ConfigMapping(prefix = "orikaeshi")
public interface TenantsConfig {

    Map<String, Tenant> tenants();

    interface Tenant {
        String name();

        /** "ja" or "en": the language of the tenant's emails. */
        @WithDefault("ja")
        String locale();

        @WithDefault("Asia/Tokyo")
        String timeZone();

        /** ISO 3166 region used to read national phone numbers, e.g. JP reads "03-1234-5678". */
        @WithDefault("JP")
        String phoneRegion();

        Optional<List<String>> reportRecipients();

        Calendar calendar();

        Promises promises();

        /** Price plans, each in force from its date until the next one's. */
        Optional<List<Plan>> plans();
    }

    /** When the tenant is open: deadlines in business time and quiet hours are measured with it. */
    interface Calendar {
        /**
         * Weekly opening hours, e.g. {@code "MON-FRI 09:00-12:00,13:00-18:00; SAT 10:00-13:00"}.
         * A day not named is closed; several periods a day make split shifts.
         */
        @WithDefault("MON-FRI 09:00-18:00")
        String openingHours();

        /** ISO 3166 country whose public holidays close the tenant (JP includes substitute holidays), or NONE. */
        @WithDefault("JP")
        String holidays();

        Optional<List<LocalDate>> companyHolidays();
    }

    /** How the tenant wants its promises watched. */
    interface Promises {
        /** Warn this long before the due time: early enough to call the caller and agree a new time. */
        @WithDefault("15m")
        Duration warningLead();

        /**
         * The warning comes at most this share (0..1) of the promise window before the due time, e.g. 0.25: "13
         * minutes before, but never more than a quarter of the window". Empty: the service's default.
         */
        Optional<Double> maxWarningShare();

        /** The promise when the operator states none, measured in business hours. */
        Optional<Duration> defaultPromise();

        /** The pool that takes over callbacks nobody owns. */
        @WithDefault("pool")
        String pool();

        /** A callback owned by one person falls back to the pool after this long without completion. */
        Optional<Duration> poolFallbackAfter();

        /** Who is alerted, and when after the due time, while nobody acknowledges or completes. */
        Optional<List<EscalationLevel>> escalation();
    }

    interface EscalationLevel {
        /** Time after the due time. */
        Duration after();

        /** Who is alerted: "assignee", or a named contact (an email address). */
        String target();
    }

    interface Plan {
        LocalDate effectiveFrom();

        /** Yen per call. */
        int unitPrice();

        /** Extra yen per call when the plan includes hearing items. */
        @WithDefault("0")
        int hearingPrice();

        /** Optional hearing items asked on every call (at most 5), e.g. "preferred callback time". */
        Optional<List<String>> hearingItems();
    }
}
