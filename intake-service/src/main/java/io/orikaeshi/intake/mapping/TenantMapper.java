package io.orikaeshi.intake.mapping;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.intake.rest.TenantRequest;
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
import java.util.regex.Pattern;

/**
 * Admin API request → tenant profile, with the checks Bean Validation cannot express (a real time zone, parseable
 * opening hours, a known holiday country). Every fault is reported with its field, all at once.
 */
public final class TenantMapper {

    private static final Duration MAX_PROMISE = Duration.ofDays(31);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

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
            if (!"assignee".equals(target) && !"supervisor".equals(target) && !EMAIL.matcher(target).matches()) {
                errors.add(new Problem.FieldError("promises.escalation[" + i + "].target",
                        "must be assignee, supervisor or an email address"));
            }
        }
        List<TenantRequest.PlanRequest> plans = r.plans() == null ? List.of() : r.plans();
        if (plans.stream().map(TenantRequest.PlanRequest::effectiveFrom).distinct().count() < plans.size()) {
            errors.add(new Problem.FieldError("plans", "two plans start on the same day"));
        }
        TenantRequest.NotificationsRequest nr = r.notifications() == null
                ? new TenantRequest.NotificationsRequest(null, null, null, null, null)
                : r.notifications();
        List<TenantRequest.RouteRequest> routes = nr.routes() == null ? List.of() : nr.routes();
        for (int i = 0; i < routes.size(); i++) {
            if (blank(routes.get(i).addressee()) && blank(routes.get(i).purposeCategory())) {
                errors.add(new Problem.FieldError("notifications.routes[" + i + "]",
                        "must state an addressee, a purposeCategory or both"));
            }
        }
        checkDuration(errors, "notifications.sendingWindow", nr.sendingWindow());
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
                                        .map(l -> new TenantProfile.EscalationLevel(l.after(), l.target().trim()))
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
                                                trimmed(route.purposeCategory()), List.copyOf(route.recipients())))
                                        .toList()),
                        Boolean.TRUE.equals(nr.quietHours()), Optional.ofNullable(nr.digestAt()),
                        nr.sendingLimit() == null ? 120 : nr.sendingLimit(),
                        nr.sendingWindow() == null ? Duration.ofMinutes(1) : nr.sendingWindow()));
    }

    private static void checkDuration(List<Problem.FieldError> errors, String field, Duration value) {
        if (value != null && (value.isNegative() || value.isZero() || value.compareTo(MAX_PROMISE) > 0)) {
            errors.add(new Problem.FieldError(field, "must be positive and at most 31 days"));
        }
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
