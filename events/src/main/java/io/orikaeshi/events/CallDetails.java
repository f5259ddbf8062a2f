package io.orikaeshi.events;

import java.time.Instant;
import java.util.List;

/**
 * What the operator recorded about one call. Contains personal data (caller name, callback number):
 * consumers may store it for their purpose but must never log it.
 *
 * @param callbackNumber  value in E.164 when provided
 * @param callback        null when no callback was promised
 * @param direction       null in events written before it existed (read as INBOUND)
 * @param purposeCategory the tenant's category for the purpose (routes the report), or null
 * @param hearingItems    the tenant's optional items, in the tenant's order; empty when none
 * @param chaseOf         call id of the open promise this call chases (the caller rang again), or null
 */
public record CallDetails(
        Instant receivedAt,
        String operatorId,
        String site,
        String addressee,
        CapturedItem callerName,
        CapturedItem purpose,
        CapturedItem callbackNumber,
        Urgency urgency,
        String notes,
        CallbackPromise callback,
        CallDirection direction,
        String purposeCategory,
        List<HearingAnswer> hearingItems,
        String chaseOf) {

    public CallDetails {
        hearingItems = hearingItems == null ? List.of() : List.copyOf(hearingItems);
    }

    /** The walking-skeleton shape: an inbound call without hearing items. */
    public CallDetails(Instant receivedAt, String operatorId, String site, String addressee, CapturedItem callerName,
            CapturedItem purpose, CapturedItem callbackNumber, Urgency urgency, String notes,
            CallbackPromise callback) {
        this(receivedAt, operatorId, site, addressee, callerName, purpose, callbackNumber, urgency, notes, callback,
                CallDirection.INBOUND, null, List.of(), null);
    }

    /** The same call, linked to the open promise it chases. */
    public CallDetails chasing(String chasedCallId) {
        return new CallDetails(receivedAt, operatorId, site, addressee, callerName, purpose, callbackNumber, urgency,
                notes, callback, direction, purposeCategory, hearingItems, chasedCallId);
    }

    public boolean callbackPromised() {
        return callback != null;
    }
}
