package io.orikaeshi.reporting.rest;

import java.time.LocalDate;
import java.util.List;

/** A tenant's monthly bill in yen: one line per price plan in force during the month. */
public record Bill(String tenantId, String month, List<Line> lines, long calls, long total) {

    /**
     * @param from         first day (tenant's time zone) the line covers
     * @param to           last day, inclusive
     * @param hearingPrice surcharge per call, 0 when the plan has no hearing items
     */
    public record Line(LocalDate from, LocalDate to, int unitPrice, int hearingPrice, long calls, long amount) {
    }
}
