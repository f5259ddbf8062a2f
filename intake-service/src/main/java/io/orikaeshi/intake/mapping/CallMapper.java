package io.orikaeshi.intake.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orikaeshi.events.CallDetails;
import io.orikaeshi.events.CallDirection;
import io.orikaeshi.events.CallbackPromise;
import io.orikaeshi.events.CapturedItem;
import io.orikaeshi.events.CaptureStatus;
import io.orikaeshi.events.HearingAnswer;
import io.orikaeshi.events.Urgency;
import io.orikaeshi.intake.repository.CallRecord;
import io.orikaeshi.intake.repository.CallbackStatus;
import io.orikaeshi.intake.rest.CallView;
import io.orikaeshi.intake.rest.NewCallRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class CallMapper {

    private static final TypeReference<List<HearingAnswer>> HEARING = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public CallMapper(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @param callbackNumberE164 the normalised number when the caller gave one, else null
     * @param promise            the computed promise, or null when none was made
     */
    public CallRecord toRecord(String callId, String tenantId, Instant receivedAt, NewCallRequest request,
                               String callbackNumberE164, CallbackPromise promise, List<HearingAnswer> hearing) {
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
        record.direction = request.direction() == null ? CallDirection.INBOUND : request.direction();
        record.purposeCategory = blankToNull(request.purposeCategory());
        record.hearingItems = hearing.isEmpty() ? null : write(hearing);
        if (promise == null) {
            record.callbackStatus = CallbackStatus.NONE;
        } else {
            record.callbackStatus = CallbackStatus.OPEN;
            record.callbackDueAt = promise.dueAt();
            record.callbackAssignee = promise.assignee();
            record.promiseKind = promise.kind();
            record.notBefore = promise.notBefore();
            record.assigneeKind = promise.assigneeKind();
        }
        return record;
    }

    public CallDetails toDetails(CallRecord record) {
        CallbackPromise promise = record.callbackStatus == CallbackStatus.NONE ? null
                : new CallbackPromise(record.callbackDueAt, record.callbackAssignee, record.promiseKind,
                record.notBefore, record.assigneeKind);
        return new CallDetails(record.receivedAt, record.operatorId, record.site, record.addressee,
                new CapturedItem(record.callerNameStatus, record.callerName),
                new CapturedItem(record.purposeStatus, record.purpose),
                new CapturedItem(record.callbackNumberStatus, record.callbackNumber),
                record.urgency, record.notes, promise, record.direction, record.purposeCategory,
                record.hearingItems == null ? List.of() : read(record.hearingItems), record.chaseOf);
    }

    public static CallView toView(CallRecord record) {
        return new CallView(record.id, record.tenantId, record.receivedAt, record.callbackStatus,
                record.callbackDueAt, record.callbackCompletedAt, record.chaseOf, record.chaseCount);
    }

    private String write(List<HearingAnswer> hearing) {
        try {
            return json.writeValueAsString(hearing);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("hearing answers cannot be written", e);
        }
    }

    private List<HearingAnswer> read(String stored) {
        try {
            return json.readValue(stored, HEARING);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored hearing answers cannot be read", e);
        }
    }

    private static String valueOf(CaptureStatus status, String value) {
        return status == CaptureStatus.PROVIDED ? value.strip() : null;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
