package io.orikaeshi.reporting.rest;

import io.orikaeshi.reporting.repository.CallLogEntry;

import java.time.Instant;

public record CallLogView(String callId, Instant receivedAt, String operatorId, String site, String addressee,
                          Item callerName, Item purpose, Item callbackNumber, String urgency, Callback callback) {

    /** status is PROVIDED, DECLINED, HUNG_UP or NOT_NEEDED; value only when PROVIDED. */
    public record Item(String status, String value) {
    }

    /** status is NONE (no callback promised), OPEN, OVERDUE or COMPLETED. */
    public record Callback(String status, Instant dueAt, String assignee, Instant overdueAt, Instant completedAt) {
    }

    static CallLogView of(CallLogEntry e) {
        return new CallLogView(e.callId, e.receivedAt, e.operatorId, e.site, e.addressee,
                new Item(e.callerNameStatus, e.callerName), new Item(e.purposeStatus, e.purpose),
                new Item(e.callbackNumberStatus, e.callbackNumber), e.urgency,
                new Callback(e.callbackStatus, e.callbackDueAt, e.callbackAssignee, e.overdueAt, e.completedAt));
    }
}
