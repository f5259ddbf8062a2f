package io.orikaeshi.notification.mapping;

import java.util.List;

/**
 * A tenant's daily digest, already worded: the calls of the period in numbers, and every callback still open
 * (the overdue ones first, listed apart).
 */
public record DigestModel(String tenantName, String periodStart, String periodEnd, long received, long urgent,
        long promised, List<Line> overdue, List<Line> open) {

    /** One open callback: whom to call back, by when, for whom. */
    public record Line(String caller, String dueAt, String addressee, String callId) {
    }

    public int overdueCount() {
        return overdue.size();
    }

    public int openCount() {
        return overdue.size() + open.size();
    }
}
