package io.orikaeshi.reporting.rest;

import java.time.Instant;

/**
 * One open promise on the callbacks board.
 *
 * @param state       OPEN, WARNED, OVERDUE or ESCALATED
 * @param secondsLeft until the due time at the moment of the query; negative once overdue (the page counts down from it)
 * @param callbackNumber        E.164, as stored and as a tel: link dials it; null when the caller gave none
 * @param callbackNumberDisplay the number as the tenant's country writes it ("03-1234-5678" for a JP tenant)
 * @param timeZone              the tenant's time zone, in which its people read the times
 * @param acknowledgedAt        when someone first took the callback on (through a message's link or not); null if
 *                              nobody has
 * @param viewed                whether a signed link of any message about the call was opened
 */
public record BoardItem(String callId, String urgency, String addressee, String purpose, Instant receivedAt,
        Instant dueAt, long secondsLeft, String state, int escalationLevel, String assignee,
        int chaseCount, String callbackNumber, String callbackNumberDisplay, String timeZone,
        Instant acknowledgedAt, String acknowledgedBy, boolean viewed) {
}
