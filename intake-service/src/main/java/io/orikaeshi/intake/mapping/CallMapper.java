package io.orikaeshi.intake.mapping;

import io.orikaeshi.events.CallDetails;
import io.orikaeshi.events.CallDirection;
import io.orikaeshi.events.CallbackPromise;
import io.orikaeshi.events.CapturedItem;
import io.orikaeshi.events.CaptureStatus;
import io.orikaeshi.events.HearingAnswer;
import io.orikaeshi.events.Urgency;
import io.orikaeshi.intake.repository.StoredCall;
import io.orikaeshi.intake.rest.CallView;
import io.orikaeshi.intake.rest.CapturedItemRequest;
import io.orikaeshi.intake.rest.NewCallRequest;

import java.time.Instant;
import java.util.List;

/**
 * A validated request → what its CallReceived event carries (and intake stores); a stored call → the API's answer.
 */
public final class CallMapper {

    private CallMapper() {
    }

    /**
     * @param callbackNumberE164 the normalised number when the caller gave one, else null
     * @param promise            the computed promise, or null when none was made
     */
    public static CallDetails toDetails(NewCallRequest request, Instant receivedAt, String callbackNumberE164,
                                        CallbackPromise promise, List<HearingAnswer> hearing) {
        return new CallDetails(receivedAt, blankToNull(request.operatorId()), blankToNull(request.site()),
                blankToNull(request.addressee()), captured(request.callerName()), captured(request.purpose()),
                new CapturedItem(request.callbackNumber().status(), callbackNumberE164),
                request.urgency() == null ? Urgency.NORMAL : request.urgency(), blankToNull(request.notes()), promise,
                request.direction() == null ? CallDirection.INBOUND : request.direction(),
                blankToNull(request.purposeCategory()), hearing, null);
    }

    /** The same call, linked to the open promise it chases. */
    public static CallDetails chasing(CallDetails call, String chaseOf) {
        return new CallDetails(call.receivedAt(), call.operatorId(), call.site(), call.addressee(), call.callerName(),
                call.purpose(), call.callbackNumber(), call.urgency(), call.notes(), call.callback(), call.direction(),
                call.purposeCategory(), call.hearingItems(), chaseOf);
    }

    public static CallView toView(StoredCall call) {
        return new CallView(call.id(), call.tenantId(), call.receivedAt(), call.callbackStatus(),
                call.callbackDueAt(), call.callbackCompletedAt(), call.chaseOf(), call.chaseCount());
    }

    private static CapturedItem captured(CapturedItemRequest item) {
        return new CapturedItem(item.status(), item.status() == CaptureStatus.PROVIDED ? item.value().strip() : null);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
