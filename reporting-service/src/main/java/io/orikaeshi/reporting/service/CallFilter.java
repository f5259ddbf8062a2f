package io.orikaeshi.reporting.service;

import io.orikaeshi.reporting.mapping.CallCursor;

import java.time.Instant;

/**
 * Call log criteria; every one is optional and they combine with AND.
 *
 * @param from          received at or after
 * @param to            received before
 * @param purpose       text contained in the purpose, case-insensitive
 * @param callerNumber  the callback number in E.164
 * @param captureStatus calls where any captured item (name, purpose, number) has this status
 * @param after         continue after this position
 */
public record CallFilter(Instant from, Instant to, String addressee, String purpose, String callerNumber,
        String captureStatus, String urgency, CallCursor after) {
}
