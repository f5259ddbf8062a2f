package io.orikaeshi.reporting.mapping;

import java.time.Instant;

/**
 * The visible state of a promise, derived from the stored facts. A warning, overdue or escalation counts only if it
 * was about the due time in force: after an extension the promise is OPEN again, even when the scheduler's event
 * for the old due time reaches us after the extension.
 */
public final class CallbackState {

    private CallbackState() {
    }

    /** @param lifecycle NONE, OPEN, COMPLETED or CANCELLED as stored */
    public static String state(String lifecycle, Instant dueAt, Instant warnedDueAt, Instant overdueDueAt,
            Instant escalatedDueAt) {
        if (!"OPEN".equals(lifecycle)) {
            return lifecycle;
        }
        if (about(escalatedDueAt, dueAt)) {
            return "ESCALATED";
        }
        if (about(overdueDueAt, dueAt)) {
            return "OVERDUE";
        }
        if (about(warnedDueAt, dueAt)) {
            return "WARNED";
        }
        return "OPEN";
    }

    /**
     * The coarse status of the call log API: WARNED is still OPEN; ESCALATED is OVERDUE only once the due time in
     * force has passed ({@code overdue}): a chase call escalates a promise whose due time is still ahead.
     */
    public static String status(String state, boolean overdue) {
        return switch (state) {
            case "ESCALATED" -> overdue ? "OVERDUE" : "OPEN";
            case "WARNED" -> "OPEN";
            default -> state;
        };
    }

    /** The scheduler reported the due time in force as passed. */
    public static boolean overdue(Instant dueAt, Instant overdueDueAt) {
        return about(overdueDueAt, dueAt);
    }

    private static boolean about(Instant factDueAt, Instant dueAt) {
        return factDueAt != null && (dueAt == null || !factDueAt.isBefore(dueAt));
    }
}
