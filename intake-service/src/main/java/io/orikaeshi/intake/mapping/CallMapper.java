package io.orikaeshi.intake.mapping;

import io.orikaeshi.events.CallDetails;
import io.orikaeshi.events.CallbackPromise;
import io.orikaeshi.events.CapturedItem;
import io.orikaeshi.events.CaptureStatus;
import io.orikaeshi.events.Urgency;
import io.orikaeshi.intake.repository.CallRecord;
import io.orikaeshi.intake.repository.CallbackStatus;
import io.orikaeshi.intake.rest.CallView;
import io.orikaeshi.intake.rest.NewCallRequest;

import java.time.Instant;

public final class CallMapper {

    private CallMapper() {
    }

    /** @param callbackNumberE164 the normalised number when the caller gave one, else null */
    public static CallRecord toRecord(String callId, String tenantId, Instant receivedAt, NewCallRequest request,
                                      String callbackNumberE164) {
        CallRecord record = new CallRecord();
        record.id = callId;
        record.tenantId = tenantId;
        record.receivedAt = receivedAt;
        record.operatorId = blankToNull(request.operatorId());
        record.site = blankToNull(request.site());
        record.addressee = blankToNull(request.addressee());
        record.callerNameStatus = request.callerName().status();
        record.callerName = valueOf(request.callerName().status(), request.callerName().value());
        record.purposeStatus = request.purpose().status();
        record.purpose = valueOf(request.purpose().status(), request.purpose().value());
        record.callbackNumberStatus = request.callbackNumber().status();
        record.callbackNumber = callbackNumberE164;
        record.urgency = request.urgency() == null ? Urgency.NORMAL : request.urgency();
        record.notes = blankToNull(request.notes());
        if (request.callback() == null) {
            record.callbackStatus = CallbackStatus.NONE;
        } else {
            record.callbackStatus = CallbackStatus.OPEN;
            record.callbackDueAt = request.callback().dueAt().toInstant();
            record.callbackAssignee = blankToNull(request.callback().assignee());
        }
        return record;
    }

    public static CallDetails toDetails(CallRecord record) {
        CallbackPromise promise = record.callbackStatus == CallbackStatus.NONE ? null
                : new CallbackPromise(record.callbackDueAt, record.callbackAssignee);
        return new CallDetails(record.receivedAt, record.operatorId, record.site, record.addressee,
                new CapturedItem(record.callerNameStatus, record.callerName),
                new CapturedItem(record.purposeStatus, record.purpose),
                new CapturedItem(record.callbackNumberStatus, record.callbackNumber),
                record.urgency, record.notes, promise);
    }

    public static CallView toView(CallRecord record) {
        return new CallView(record.id, record.tenantId, record.receivedAt, record.callbackStatus,
                record.callbackDueAt, record.callbackCompletedAt);
    }

    private static String valueOf(CaptureStatus status, String value) {
        return status == CaptureStatus.PROVIDED ? value.strip() : null;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
