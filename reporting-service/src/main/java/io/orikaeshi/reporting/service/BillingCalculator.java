package io.orikaeshi.reporting.service;

import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.reporting.rest.Bill;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A month's bill from the number of calls per day: each day is priced with the plan in force that day (the latest
 * plan whose effectiveFrom is on or before it), so a plan change mid-month splits the bill into two lines.
 * The hearing surcharge applies to every call of a plan that includes hearing items, since the operator asks them
 * on every call. Days before the first plan are not billed.
 */
public final class BillingCalculator {

    private BillingCalculator() {
    }

    public static Bill bill(String tenantId, YearMonth month, List<TenantProfile.Plan> plans,
            Map<LocalDate, Long> callsPerDay) {
        List<TenantProfile.Plan> ordered = plans.stream()
                .sorted(Comparator.comparing(TenantProfile.Plan::effectiveFrom)).toList();
        List<Bill.Line> lines = new ArrayList<>();
        long totalCalls = 0;
        long total = 0;
        for (int i = 0; i < ordered.size(); i++) {
            TenantProfile.Plan plan = ordered.get(i);
            LocalDate from = max(plan.effectiveFrom(), month.atDay(1));
            LocalDate to = i + 1 < ordered.size()
                    ? min(ordered.get(i + 1).effectiveFrom().minusDays(1), month.atEndOfMonth())
                    : month.atEndOfMonth();
            if (to.isBefore(from)) {
                continue;
            }
            long calls = callsPerDay.entrySet().stream()
                    .filter(e -> !e.getKey().isBefore(from) && !e.getKey().isAfter(to))
                    .mapToLong(Map.Entry::getValue).sum();
            int hearing = plan.hearingItems().map(items -> !items.isEmpty()).orElse(false) ? plan.hearingPrice() : 0;
            long amount = calls * (plan.unitPrice() + hearing);
            lines.add(new Bill.Line(from, to, plan.unitPrice(), hearing, calls, amount));
            totalCalls += calls;
            total += amount;
        }
        return new Bill(tenantId, month.toString(), lines, totalCalls, total);
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
