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

    /** The coarse status of the call log API: ESCALATED is also OVERDUE, WARNED is still OPEN. */
    public static String status(String state) {
        return switch (state) {
            case "ESCALATED" -> "OVERDUE";
            case "WARNED" -> "OPEN";
            default -> state;
        };
    }

    private static boolean about(Instant factDueAt, Instant dueAt) {
        return factDueAt != null && (dueAt == null || !factDueAt.isBefore(dueAt));
    }
}
