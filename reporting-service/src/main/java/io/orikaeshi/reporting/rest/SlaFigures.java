package io.orikaeshi.reporting.rest;

import java.time.LocalDate;

/**
 * SLA of the promises made in one period (by the day the call was received, in the tenant's time zone).
 *
 * @param assignee               null for every assignee together
 * @param promises               promises made (cancelled ones excluded)
 * @param measured               promises whose outcome is known: completed, or still open past their due time
 * @param keptOnTime             completed at or before the due time in force (after extensions)
 * @param keptShare              keptOnTime / measured, null when nothing is measured yet
 * @param medianSecondsToCallback from receipt to completion, nearest-rank; null when nothing was completed
 * @param p90SecondsToCallback   idem, 90th percentile
 * @param overdue                promises that went overdue at least once
 * @param escalations            escalation steps taken
 * @param chases                 times callers rang again while waiting
 */
public record SlaFigures(LocalDate periodStart, String assignee, int promises, int measured, int keptOnTime,
        Double keptShare, Long medianSecondsToCallback, Long p90SecondsToCallback, int overdue,
        int escalations, int chases) {
}
