package io.orikaeshi.reporting.rest;

import java.time.Instant;

/**
 * One open promise on the callbacks board.
 *
 * @param state       OPEN, WARNED, OVERDUE or ESCALATED
 * @param secondsLeft until the due time at the moment of the query; negative once overdue (the page counts down from it)
 */
public record BoardItem(String callId, String urgency, String addressee, String purpose, Instant receivedAt,
                        Instant dueAt, long secondsLeft, String state, int escalationLevel, String assignee,
                        int chaseCount) {
}
