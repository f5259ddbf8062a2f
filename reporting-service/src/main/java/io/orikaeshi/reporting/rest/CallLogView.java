package io.orikaeshi.reporting.rest;

import java.time.Instant;

public record CallLogView(String callId, Instant receivedAt, String operatorId, String site, String addressee,
        Item callerName, Item purpose, Item callbackNumber, String urgency, Callback callback) {

    /** status is PROVIDED, DECLINED, HUNG_UP or NOT_NEEDED; value only when PROVIDED. */
    public record Item(String status, String value) {
    }

    /**
     * @param status          NONE (no callback promised), OPEN, OVERDUE (escalated included), COMPLETED or CANCELLED
     * @param state           finer, for the board: OPEN, WARNED, OVERDUE, ESCALATED, COMPLETED, CANCELLED or NONE
     * @param escalationLevel level reached for the due time in force, 0 when none
     */
    public record Callback(String status, String state, Instant dueAt, String assignee, Instant overdueAt,
            Instant completedAt, int escalationLevel, int chaseCount, int extensionCount) {
    }
}
