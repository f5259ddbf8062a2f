package io.orikaeshi.reporting.rest;

import java.time.Instant;

/** @param outcome SENT, DEFERRED (until deferredUntil) or FAILED (reason says why) */
public record DeliveryView(String messageId, String kind, String recipient, String outcome, Instant at,
        Instant deferredUntil, String reason) {
}
