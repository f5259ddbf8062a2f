package io.orikaeshi.events;

import java.time.Instant;

/**
 * What the operator recorded about one received call. Contains personal data (caller name, callback number):
 * consumers may store it for their purpose but must never log it.
 *
 * @param callbackNumber value in E.164 when provided
 * @param callback       null when no callback was promised
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
        CallbackPromise callback) {

    public boolean callbackPromised() {
        return callback != null;
    }
}
