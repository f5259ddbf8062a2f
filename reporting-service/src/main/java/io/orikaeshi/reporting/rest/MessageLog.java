package io.orikaeshi.reporting.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * What became of every message about a call, and whether anyone took the call on.
 *
 * @param acknowledgedAt the call's first acknowledgement, through a message's link or not; null when none
 * @param viewed         whether a signed link of any of its messages was opened
 * @param timeZone       the tenant's time zone, in which its people read the times
 */
public record MessageLog(String callId, Instant acknowledgedAt, String acknowledgedBy, boolean viewed,
        String timeZone, List<Message> messages) {

    /**
     * One message, as its events left it; a message read before its sending was recorded has no outcome yet.
     *
     * @param status         SENT, DEFERRED or FAILED; null while only its reading or acknowledgement is known
     * @param channel        email, slack, teams, chatwork, line_works or webhook
     * @param viewedAt       when a signed link of it was first opened
     * @param acknowledgedAt when the callback was first acknowledged through one of its links
     */
    @Schema(name = "MessageLogEntry")
    public record Message(String messageId, String kind, String channel, String recipient, String status,
            Instant statusAt, Instant sentAt, Instant deferredUntil, String reason, Instant viewedAt,
            Instant acknowledgedAt, String acknowledgedBy) {
    }
}
