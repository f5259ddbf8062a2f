package io.orikaeshi.reporting.service;

import io.orikaeshi.reporting.rest.SlaFigures;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * SLA figures from promise outcomes; pure so that the definitions are tested against hand-computed numbers.
 * A promise belongs to the period of the day its call was received (tenant's zone) and to its current assignee.
 * Percentiles are nearest-rank (the value at rank ceil(p x n)): always a time that actually happened.
 */
public final class SlaCalculator {

    private SlaCalculator() {
    }

    public static List<SlaFigures> figures(Collection<PromiseOutcome> outcomes, Period period, ZoneId zone,
            boolean byAssignee, Instant now) {
        Function<PromiseOutcome, LocalDate> periodOf = o -> period.start(LocalDate.ofInstant(o.receivedAt(), zone));
        Map<LocalDate, List<PromiseOutcome>> byPeriod = outcomes.stream().filter(o -> !"CANCELLED".equals(o.status()))
                .collect(Collectors.groupingBy(periodOf, TreeMap::new, Collectors.toList()));
        List<SlaFigures> figures = new ArrayList<>();
        byPeriod.forEach((start, promises) -> {
            if (!byAssignee) {
                figures.add(of(start, null, promises, now));
                return;
            }
            promises.stream().collect(Collectors.groupingBy(o -> Objects.requireNonNullElse(o.assignee(), ""),
                    TreeMap::new, Collectors.toList()))
                    .forEach((assignee, own) -> figures.add(of(start, assignee, own, now)));
        });
        return figures;
    }

    static SlaFigures of(LocalDate start, String assignee, List<PromiseOutcome> promises, Instant now) {
        int measured = 0;
        int kept = 0;
        int overdue = 0;
        int escalations = 0;
        int chases = 0;
        List<Long> toCallback = new ArrayList<>();
        for (PromiseOutcome o : promises) {
            boolean completed = "COMPLETED".equals(o.status()) && o.completedAt() != null;
            boolean late = o.dueAt() != null && o.dueAt().isBefore(now);
            if (completed || late) {
                measured++;
            }
            if (completed && (o.dueAt() == null || !o.completedAt().isAfter(o.dueAt()))) {
                kept++;
            }
            if (completed && o.receivedAt() != null) {
                toCallback.add(Duration.between(o.receivedAt(), o.completedAt()).toSeconds());
            }
            overdue += o.overdueCount() > 0 ? 1 : 0;
            escalations += o.escalationCount();
            chases += o.chaseCount();
        }
        toCallback.sort(Comparator.naturalOrder());
        return new SlaFigures(start, assignee, promises.size(), measured, kept,
                measured == 0 ? null : (double) kept / measured, percentile(toCallback, 0.5),
                percentile(toCallback, 0.9), overdue, escalations, chases);
    }

    static Long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }
}
