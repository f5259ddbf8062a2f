package io.orikaeshi.intake.mapping;

import io.orikaeshi.events.tenant.Address;
import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.events.tenant.TenantProfile.OnCallSchedule;
import io.orikaeshi.events.tenant.TenantProfile.Shift;
import io.orikaeshi.intake.rest.OnCallRequest;
import io.orikaeshi.kit.problem.Problem;
import io.orikaeshi.kit.problem.ProblemException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Admin API request → on-call schedule, checked against the tenant's contacts. Two shifts of one list must not
 * overlap: who is on call would then depend on the order they were written in.
 */
public final class OnCallRules {

    private OnCallRules() {
    }

    /** @param tenant the tenant as it is now, whose contacts the shifts name */
    public static OnCallSchedule toSchedule(String id, OnCallRequest r, TenantProfile tenant) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!Address.validId(id)) {
            errors.add(new Problem.FieldError("id", IdRules.MESSAGE));
        }
        List<Shift> rotation = shifts("rotation", r.rotation(), tenant, errors);
        List<Shift> overrides = shifts("overrides", r.overrides() == null ? List.of() : r.overrides(), tenant, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new OnCallSchedule(id, r.name().strip(), rotation,
                overrides.isEmpty() ? Optional.empty() : Optional.of(overrides));
    }

    private static List<Shift> shifts(String list, List<OnCallRequest.ShiftRequest> requests, TenantProfile tenant,
            List<Problem.FieldError> errors) {
        List<Indexed> shifts = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            OnCallRequest.ShiftRequest s = requests.get(i);
            String field = list + "[" + i + "]";
            String contact = s.contact().strip();
            if (tenant.contact(contact).isEmpty()) {
                errors.add(new Problem.FieldError(field + ".contact",
                        "names contact " + contact + ", which this tenant does not have"));
            }
            if (!s.from().isBefore(s.until())) {
                errors.add(new Problem.FieldError(field + ".until", "must be after from"));
            } else {
                shifts.add(new Indexed(i, new Shift(contact, s.from(), s.until())));
            }
        }
        shifts.sort(Comparator.comparing((Indexed s) -> s.shift().from()));
        // In order of start, a shift overlaps an earlier one exactly when it starts before the latest end so far.
        Indexed latestEnd = null;
        for (Indexed shift : shifts) {
            if (latestEnd != null && shift.shift().from().isBefore(latestEnd.shift().until())) {
                int first = Math.min(latestEnd.index(), shift.index());
                int second = Math.max(latestEnd.index(), shift.index());
                errors.add(new Problem.FieldError(list + "[" + second + "]", "overlaps " + list + "[" + first + "]"));
            }
            if (latestEnd == null || shift.shift().until().isAfter(latestEnd.shift().until())) {
                latestEnd = shift;
            }
        }
        return shifts.stream().map(Indexed::shift).toList();
    }

    private record Indexed(int index, Shift shift) {
    }
}
