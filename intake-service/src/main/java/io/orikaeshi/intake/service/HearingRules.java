package io.orikaeshi.intake.service;

import io.orikaeshi.events.CaptureStatus;
import io.orikaeshi.events.CapturedItem;
import io.orikaeshi.events.HearingAnswer;
import io.orikaeshi.intake.rest.HearingItemRequest;
import io.orikaeshi.kit.problem.Problem.FieldError;
import io.orikaeshi.kit.tenant.TenantSettings;
import io.orikaeshi.events.tenant.TenantProfile;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Optional hearing items are sold per plan: only the items of the plan in force on the day of the call are taken. */
final class HearingRules {

    private HearingRules() {
    }

    static List<HearingAnswer> answers(List<HearingItemRequest> requested, TenantSettings tenant, Instant receivedAt,
            List<FieldError> errors) {
        if (requested == null || requested.isEmpty()) {
            return List.of();
        }
        Set<String> allowed = new HashSet<>(planOn(tenant, receivedAt)
                .flatMap(TenantProfile.Plan::hearingItems).orElse(List.of()));
        Set<String> seen = new HashSet<>();
        List<HearingAnswer> answers = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            HearingItemRequest item = requested.get(i);
            String field = "hearingItems[" + i + "]";
            if (item == null || item.item() == null || item.status() == null) {
                continue; // reported by bean validation
            }
            if (!allowed.contains(item.item())) {
                errors.add(new FieldError(field + ".item", "is not a hearing item of the tenant's plan"));
                continue;
            }
            if (!seen.add(item.item())) {
                errors.add(new FieldError(field + ".item", "is answered twice"));
                continue;
            }
            boolean hasValue = item.value() != null && !item.value().isBlank();
            if (item.status() == CaptureStatus.PROVIDED != hasValue) {
                errors.add(new FieldError(field + ".value", item.status() == CaptureStatus.PROVIDED
                        ? "is required when status is PROVIDED"
                        : "must be absent when status is " + item.status()));
                continue;
            }
            if (hasValue && CallRules.hasControlCharacters(item.value(), false)) {
                errors.add(new FieldError(field + ".value", "must be a single line without control characters"));
                continue;
            }
            answers.add(new HearingAnswer(item.item(),
                    hasValue ? CapturedItem.provided(item.value().strip()) : CapturedItem.notObtained(item.status())));
        }
        return answers;
    }

    static Optional<TenantProfile.Plan> planOn(TenantSettings tenant, Instant when) {
        LocalDate day = when.atZone(tenant.timeZone()).toLocalDate();
        return tenant.config().plans().orElse(List.of()).stream()
                .filter(plan -> !plan.effectiveFrom().isAfter(day))
                .max(Comparator.comparing(TenantProfile.Plan::effectiveFrom));
    }
}
