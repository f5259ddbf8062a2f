package io.orikaeshi.intake.rest;

import io.orikaeshi.events.CallDetails;
import io.orikaeshi.events.CallDirection;
import io.orikaeshi.events.CallbackPromise;
import io.orikaeshi.events.CapturedItem;
import io.orikaeshi.events.HearingAnswer;
import io.orikaeshi.events.Urgency;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

@Schema(description = "A call an operator received for the tenant.")
public record NewCallRequest(
        @Schema(description = "When the call was received; now when absent") OffsetDateTime receivedAt,
        @Size(max = 64) String operatorId,
        @Size(max = 64) String site,
        @Size(max = 200) @Schema(description = "The person the caller asked for (名指し)",
                examples = "佐藤") String addressee,
        @NotNull @Valid CapturedItemRequest callerName,
        @NotNull @Valid CapturedItemRequest purpose,
        @NotNull @Valid @Schema(
                description = "Read with the tenant's phone region and stored in E.164") CapturedItemRequest callbackNumber,
        Urgency urgency,
        @Size(max = 4000) String notes,
        @Valid @Schema(description = "Absent when no callback was promised") CallbackRequest callback,
        @Schema(description = "OUTBOUND for a call the operator made (e.g. the customer asked to be called again later)") CallDirection direction,
        @Size(max = 100) @Schema(description = "The tenant's category for the purpose; routes the report",
                examples = "見積") String purposeCategory,
        @Size(max = 5) @Valid @Schema(
                description = "Answers to the optional hearing items of the tenant's plan") List<@NotNull @Valid HearingItemRequest> hearingItems) {

    /** The walking-skeleton shape: an inbound call without hearing items. */
    public NewCallRequest(OffsetDateTime receivedAt, String operatorId, String site, String addressee,
            CapturedItemRequest callerName, CapturedItemRequest purpose,
            CapturedItemRequest callbackNumber, Urgency urgency, String notes, CallbackRequest callback) {
        this(receivedAt, operatorId, site, addressee, callerName, purpose, callbackNumber, urgency, notes, callback,
                null, null, null);
    }

    /**
     * What the call's CallReceived event carries, and intake stores, once the request has passed the rules.
     *
     * @param callbackNumberE164 the normalised number when the caller gave one, else null
     * @param promise            the computed promise, or null when none was made
     */
    public CallDetails details(Instant at, String callbackNumberE164, CallbackPromise promise,
            List<HearingAnswer> hearing) {
        return new CallDetails(at, blankToNull(operatorId), blankToNull(site), blankToNull(addressee),
                callerName.captured(), purpose.captured(),
                new CapturedItem(callbackNumber.status(), callbackNumberE164),
                urgency == null ? Urgency.NORMAL : urgency, blankToNull(notes), promise,
                direction == null ? CallDirection.INBOUND : direction, blankToNull(purposeCategory), hearing, null);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
