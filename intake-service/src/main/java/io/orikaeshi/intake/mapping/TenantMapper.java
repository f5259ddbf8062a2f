package io.orikaeshi.intake.mapping;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.orikaeshi.events.tenant.Address;
import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.intake.rest.TenantRequest;
import io.orikaeshi.intake.service.TenantReferences;
import io.orikaeshi.kit.calendar.Holidays;
import io.orikaeshi.kit.calendar.OpeningHours;
import io.orikaeshi.kit.problem.Problem;
import io.orikaeshi.kit.problem.ProblemException;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Admin API request → tenant profile, with the checks Bean Validation cannot express (a real time zone, parseable
 * opening hours, a known holiday country, route recipients and escalation targets that are addresses). Every fault is
 * reported with its field, all at once. The profile has no contacts, channels or on-call schedules: those have their
 * own resources.
 */
public final class TenantMapper {

    private static final Duration MAX_PROMISE = Duration.ofDays(31);
    private static final Duration MIN_REPEAT = Duration.ofMinutes(15);
    private static final Duration MAX_REPEAT = Duration.ofDays(1);

    private TenantMapper() {
    }

    public static TenantProfile toProfile(TenantRequest r) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!validZone(r.timeZone())) {
            errors.add(new Problem.FieldError("timeZone", "is not a time zone (e.g. Asia/Tokyo)"));
        }
        if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(r.phoneRegion())) {
            errors.add(new Problem.FieldError("phoneRegion", "is not a region phone numbers can be read for"));
        }
        TenantRequest.CalendarRequest cal = r.calendar() == null
                ? new TenantRequest.CalendarRequest(null, null, null)
                : r.calendar();
        String openingHours = orDefault(cal.openingHours(), "MON-FRI 09:00-18:00");
        try {
            OpeningHours.parse(openingHours);
        } catch (RuntimeException e) {
            errors.add(new Problem.FieldError("calendar.openingHours", e.getMessage()));
        }
        String holidays = orDefault(cal.holidays(), r.phoneRegion() == null ? "NONE" : r.phoneRegion()).trim();
        try {
            Holidays.ofCountry(holidays).isHoliday(LocalDate.of(2026, 1, 1));
        } catch (RuntimeException e) {
            errors.add(new Problem.FieldError("calendar.holidays",
                    "has no holiday data; use an ISO 3166 country or NONE"));
        }
        TenantRequest.PromisesRequest pr = r.promises() == null
                ? new TenantRequest.PromisesRequest(null, null, null, null, null, null, null)
                : r.promises();
        // PT0S is how a tenant says it wants no warning before the due time.
        if (pr.warningLead() == null || !pr.warningLead().isZero()) {
            checkDuration(errors, "promises.warningLead", pr.warningLead());
        }
        checkDuration(errors, "promises.defaultPromise", pr.defaultPromise());
        checkDuration(errors, "promises.poolFallbackAfter", pr.poolFallbackAfter());
        checkDuration(errors, "promises.nextBusinessDayWithin", pr.nextBusinessDayWithin());
        List<TenantRequest.EscalationRequest> escalation = pr.escalation() == null ? List.of() : pr.escalation();
        for (int i = 0; i < escalation.size(); i++) {
            TenantRequest.EscalationRequest level = escalation.get(i);
            checkDuration(errors, "promises.escalation[" + i + "].after", level.after());
            String target = level.target().trim();
            if (!TenantReferences.callPerson(target)) {
                checkAddress(errors, "promises.escalation[" + i + "].target", target);
            }
        }
        List<TenantRequest.PlanRequest> plans = r.plans() == null ? List.of() : r.plans();
        if (plans.stream().map(TenantRequest.PlanRequest::effectiveFrom).distinct().count() < plans.size()) {
            errors.add(new Problem.FieldError("plans", "two plans start on the same day"));
        }
        TenantRequest.NotificationsRequest nr = r.notifications() == null
                ? new TenantRequest.NotificationsRequest(null, null, null, null, null, null)
                : r.notifications();
        List<TenantRequest.RouteRequest> routes = nr.routes() == null ? List.of() : nr.routes();
        for (int i = 0; i < routes.size(); i++) {
            if (blank(routes.get(i).addressee()) && blank(routes.get(i).purposeCategory())) {
                errors.add(new Problem.FieldError("notifications.routes[" + i + "]",
                        "must state an addressee, a purposeCategory or both"));
            }
            List<String> recipients = routes.get(i).recipients();
            for (int j = 0; j < recipients.size(); j++) {
                checkAddress(errors, "notifications.routes[" + i + "].recipients[" + j + "]", recipients.get(j));
            }
        }
        checkDuration(errors, "notifications.sendingWindow", nr.sendingWindow());
        if (nr.repeatAfter() != null
                && (nr.repeatAfter().compareTo(MIN_REPEAT) < 0 || nr.repeatAfter().compareTo(MAX_REPEAT) > 0)) {
            errors.add(new Problem.FieldError("notifications.repeatAfter", "must be from PT15M to P1D"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new TenantProfile(r.name().trim(), Optional.ofNullable(r.publicLabel()).map(String::trim)
                .filter(s -> !s.isEmpty()), r.locale(), r.timeZone(), r.phoneRegion(),
                Optional.ofNullable(r.reportRecipients()).map(List::copyOf),
                new TenantProfile.Calendar(openingHours, holidays.toUpperCase(java.util.Locale.ROOT),
                        Optional.ofNullable(cal.companyHolidays())
                                .map(days -> days.stream().distinct().sorted().toList())),
                new TenantProfile.Promises(pr.warningLead() == null ? Duration.ofMinutes(15) : pr.warningLead(),
                        Optional.ofNullable(pr.defaultPromise()), orDefault(pr.pool(), "pool"),
                        Optional.ofNullable(pr.poolFallbackAfter()),
                        escalation.isEmpty()
                                ? Optional.empty()
                                : Optional.of(escalation.stream()
                                        .map(l -> new TenantProfile.EscalationLevel(l.after(),
                                                TenantReferences.callPerson(l.target().trim())
                                                        ? l.target().trim()
                                                        : address(l.target())))
                                        .toList()),
                        Optional.ofNullable(pr.maxWarningShare()), Optional.ofNullable(pr.nextBusinessDayWithin())),
                plans.isEmpty()
                        ? Optional.empty()
                        : Optional.of(plans.stream()
                                .map(p -> new TenantProfile.Plan(p.effectiveFrom(), p.unitPrice(), p.hearingPrice(),
                                        Optional.ofNullable(p.hearingItems()).map(List::copyOf)))
                                .sorted(java.util.Comparator.comparing(TenantProfile.Plan::effectiveFrom)).toList()),
                new TenantProfile.Notifications(
                        routes.isEmpty()
                                ? Optional.empty()
                                : Optional.of(routes.stream()
                                        .map(route -> new TenantProfile.Route(trimmed(route.addressee()),
                                                trimmed(route.purposeCategory()),
                                                route.recipients().stream().map(TenantMapper::address).toList()))
                                        .toList()),
                        Boolean.TRUE.equals(nr.quietHours()), Optional.ofNullable(nr.digestAt()),
                        nr.sendingLimit() == null ? 120 : nr.sendingLimit(),
                        nr.sendingWindow() == null ? Duration.ofMinutes(1) : nr.sendingWindow(),
                        Optional.empty(), Optional.ofNullable(nr.repeatAfter())));
    }

    private static void checkDuration(List<Problem.FieldError> errors, String field, Duration value) {
        if (value != null && (value.isNegative() || value.isZero() || value.compareTo(MAX_PROMISE) > 0)) {
            errors.add(new Problem.FieldError(field, "must be positive and at most 31 days"));
        }
    }

    /** Whether the text is an {@link Address}; what it names is checked against the tenant when it is stored. */
    private static void checkAddress(List<Problem.FieldError> errors, String field, String text) {
        try {
            Address.parse(text);
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError(field, e.getMessage()));
        }
    }

    /** An address as it is stored: in the one spelling {@link Address#toString()} gives. */
    private static String address(String text) {
        return Address.parse(text).toString();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static Optional<String> trimmed(String value) {
        return blank(value) ? Optional.empty() : Optional.of(value.trim());
    }

    private static boolean validZone(String zone) {
        try {
            return zone != null && ZoneId.of(zone) != null;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
