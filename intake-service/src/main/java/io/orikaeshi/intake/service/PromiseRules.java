package io.orikaeshi.intake.service;

import io.orikaeshi.events.AssigneeKind;
import io.orikaeshi.events.CallbackPromise;
import io.orikaeshi.events.PromiseKind;
import io.orikaeshi.intake.rest.CallbackRequest;
import io.orikaeshi.kit.problem.Problem.FieldError;
import io.orikaeshi.kit.tenant.TenantSettings;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Turns the promise as the operator phrased it into an absolute deadline. A clock-time promise is kept literally;
 * the calendar-based kinds ask {@link BusinessTime}.
 */
final class PromiseRules {

    static final Duration LONGEST_PROMISE = Duration.ofDays(366);

    /*
     * A promise whose due time has already passed cannot be kept, and tracking it would send the overdue alert and
     * every escalation level at once. A past call is recorded without a promise instead.
     */
    static final FieldError ALREADY_DUE = new FieldError("callback.dueAt",
            "is already past: a callback can only be promised for a time still ahead (record a past call without callback)");

    private PromiseRules() {
    }

    /** @return the promise, or null when none was made; errors are added to {@code errors} */
    static CallbackPromise promise(CallbackRequest request, Instant receivedAt, Instant now, TenantSettings tenant,
            BusinessTime businessTime, List<FieldError> errors) {
        if (request == null) {
            return null;
        }
        PromiseKind kind = kindOf(request);
        Instant notBefore = null;
        Instant due = switch (kind) {
            case BY_TIME -> required(request.dueAt() == null ? null : request.dueAt().toInstant(), "callback.dueAt",
                    "is required for a BY_TIME promise", errors);
            case WITHIN -> {
                if (request.within() == null || request.within().isNegative() || request.within().isZero()) {
                    errors.add(new FieldError("callback.within", "must be a positive duration for a WITHIN promise"));
                    yield null;
                }
                yield receivedAt.plus(request.within());
            }
            case WINDOW -> {
                notBefore = required(request.notBefore() == null
                        ? null
                        : request.notBefore().toInstant().truncatedTo(ChronoUnit.MICROS),
                        "callback.notBefore", "is required for a WINDOW promise", errors);
                Instant end = required(request.dueAt() == null ? null : request.dueAt().toInstant(), "callback.dueAt",
                        "is required for a WINDOW promise", errors);
                if (notBefore != null && end != null && !notBefore.isBefore(end)) {
                    errors.add(new FieldError("callback.notBefore", "must be before callback.dueAt"));
                }
                yield end;
            }
            case NEXT_BUSINESS_DAY -> businessTime.nextBusinessDayDue(tenant, receivedAt);
            case TENANT_DEFAULT -> {
                Duration standard = tenant.config().promises().defaultPromise().orElse(null);
                if (standard == null) {
                    errors.add(new FieldError("callback", "states no time and the tenant has no default promise"));
                    yield null;
                }
                yield businessTime.addBusinessTime(tenant, receivedAt, standard);
            }
        };
        if (due != null) {
            due = due.truncatedTo(ChronoUnit.MICROS);
            if (!due.isAfter(receivedAt)) {
                errors.add(new FieldError("callback.dueAt", "must be after the call was received"));
            } else if (due.isAfter(receivedAt.plus(LONGEST_PROMISE))) {
                errors.add(new FieldError("callback.dueAt", "must be within a year of the call"));
            } else if (!due.isAfter(now)) {
                errors.add(ALREADY_DUE);
            }
        }
        String assignee = request.assignee() == null || request.assignee().isBlank()
                ? null
                : request.assignee().strip();
        AssigneeKind assigneeKind = request.assigneeKind() != null
                ? request.assigneeKind()
                : assignee == null ? AssigneeKind.POOL : AssigneeKind.PERSON;
        if (assignee == null) {
            assignee = tenant.config().promises().pool();
        }
        return new CallbackPromise(due, assignee, kind, notBefore, assigneeKind);
    }

    private static PromiseKind kindOf(CallbackRequest request) {
        if (request.kind() != null) {
            return request.kind();
        }
        if (request.dueAt() != null) {
            return PromiseKind.BY_TIME;
        }
        return request.within() != null ? PromiseKind.WITHIN : PromiseKind.TENANT_DEFAULT;
    }

    private static Instant required(Instant value, String field, String message, List<FieldError> errors) {
        if (value == null) {
            errors.add(new FieldError(field, message));
        }
        return value;
    }
}
