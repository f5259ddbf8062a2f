package io.orikaeshi.reporting.service;

import java.time.Instant;

/** What became of one promise, as the SLA needs it. {@code dueAt} is the due time in force (after extensions). */
public record PromiseOutcome(Instant receivedAt, String assignee, String status, Instant dueAt, Instant completedAt,
        int overdueCount, int escalationCount, int chaseCount) {
}
