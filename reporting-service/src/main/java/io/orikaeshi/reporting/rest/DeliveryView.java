package io.orikaeshi.reporting.rest;

import java.time.Instant;

/**
 * One notification event of a call's message.
 *
 * @param outcome SENT, DEFERRED (until deferredUntil) or FAILED (reason says why)
 * @param channel email, slack, teams, chatwork, line_works or webhook
 */
public record DeliveryView(String messageId, String kind, String recipient, String outcome, Instant at,
        Instant deferredUntil, String reason, String channel) {
}
