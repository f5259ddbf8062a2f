package io.orikaeshi.kit.tenant;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The client companies a fresh installation starts with ({@code orikaeshi.tenants.<id>.*}; the local run and the
 * tests read config/tenants.properties). Tenants created or changed through intake's admin API take precedence:
 * they reach every service as {@code TenantChanged} snapshots (see {@link TenantDirectory}).
 */
@ConfigMapping(prefix = "orikaeshi")
public interface TenantsConfig {

    Map<String, Tenant> tenants();

    interface Tenant {
        String name();

        /** How operators answer the phone for the tenant, when it is not simply its name. */
        Optional<String> publicLabel();

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

        /** Who receives the tenant's emails, when, and how many at most. */
        Notifications notifications();

        /** API keys the tenant starts with (only their SHA-256; the demo keys are listed in the README). */
        Optional<List<SeedKey>> apiKeys();
    }

    /** Routing, quiet hours, digest and sending limit of the tenant's emails (notification-service). */
    interface Notifications {
        /**
         * Tried in order; the first route matching a call gives the recipients of its report and alerts. A call no
         * route matches goes to {@code report-recipients}.
         */
        Optional<List<Route>> routes();

        /** Hold mail about non-urgent calls while the tenant is closed (its calendar), send it when it opens. */
        @WithDefault("false")
        boolean quietHours();

        /** Send reports as one daily digest at this local time (HH:MM) instead of one email per call. */
        Optional<LocalTime> digestAt();

        /** Flood protection: at most this many emails per {@link #sendingWindow()}; the excess waits, never dropped. */
        @WithDefault("120")
        int sendingLimit();

        @WithDefault("1m")
        Duration sendingWindow();
    }

    /** A routing rule: a call matches when every condition it states matches (case-insensitive, whole value). */
    interface Route {
        /** The person the caller asked for ({@code CallDetails.addressee}). */
        Optional<String> addressee();

        /** The purpose category of the call ({@code CallDetails.purposeCategory}). */
        Optional<String> purposeCategory();

        List<String> recipients();
    }

    interface SeedKey {
        /** The part of the key before the dot: public, used to find the key. */
        String id();

        /** OPERATOR, CLIENT or ADMIN. */
        String role();

        /** Hex SHA-256 of the whole key. */
        String sha256();

        @WithDefault("seeded")
        String label();
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

        /** "Next business day" is due this much business time after that day's opening (default 3h). */
        Optional<Duration> nextBusinessDayWithin();
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
