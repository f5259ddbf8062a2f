package io.orikaeshi.events.tenant;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

/**
 * Everything services need to know about a client company. The shape mirrors the {@code orikaeshi.tenants.<id>.*}
 * configuration that seeds the demo tenants, so a tenant reads the same whether it came from configuration or from
 * the admin API.
 *
 * @param publicLabel how operators answer the phone for this tenant (e.g. the company name, or "営業部")
 */
public record TenantProfile(String name, Optional<String> publicLabel, String locale, String timeZone,
        String phoneRegion, Optional<List<String>> reportRecipients, Calendar calendar,
        Promises promises, Optional<List<Plan>> plans, Notifications notifications) {

    public record Calendar(String openingHours, String holidays, Optional<List<LocalDate>> companyHolidays) {
    }

    /**
     * @param maxWarningShare       the warning never comes earlier than this share of the promise window (0..1)
     * @param nextBusinessDayWithin "next business day" is due this much business time after that day's opening
     *                              (empty: {@link #NEXT_BUSINESS_DAY_WITHIN}, 12:00 for a 09:00 opening)
     */
    public record Promises(Duration warningLead, Optional<Duration> defaultPromise, String pool,
            Optional<Duration> poolFallbackAfter, Optional<List<EscalationLevel>> escalation,
            Optional<Double> maxWarningShare, Optional<Duration> nextBusinessDayWithin) {

        public static final Duration NEXT_BUSINESS_DAY_WITHIN = Duration.ofHours(3);

        public Promises {
            // A snapshot written before the field existed has none.
            nextBusinessDayWithin = nextBusinessDayWithin == null ? Optional.empty() : nextBusinessDayWithin;
        }

        public Duration nextBusinessDayDueAfterOpening() {
            return nextBusinessDayWithin.orElse(NEXT_BUSINESS_DAY_WITHIN);
        }
    }

    /** @param target "assignee", "supervisor", or an email address */
    public record EscalationLevel(Duration after, String target) {
    }

    /**
     * Who receives the tenant's emails, when, and how many at most.
     *
     * @param routes      tried in order; the first matching a call chooses its recipients (else report recipients)
     * @param quietHours  hold mail about non-urgent calls while the tenant is closed, send it when it opens
     * @param digestAt    send reports as one daily digest at this local time instead of one email per call
     * @param sendingLimit at most this many emails per sendingWindow; the excess waits, never dropped
     */
    public record Notifications(Optional<List<Route>> routes, boolean quietHours, Optional<LocalTime> digestAt,
            int sendingLimit, Duration sendingWindow) {

        public static Notifications defaults() {
            return new Notifications(Optional.empty(), false, Optional.empty(), 120, Duration.ofMinutes(1));
        }
    }

    /** Matches a call when every condition it states matches (case-insensitive, whole value). */
    public record Route(Optional<String> addressee, Optional<String> purposeCategory, List<String> recipients) {
    }

    public record Plan(LocalDate effectiveFrom, int unitPrice, int hearingPrice, Optional<List<String>> hearingItems) {
    }
}
