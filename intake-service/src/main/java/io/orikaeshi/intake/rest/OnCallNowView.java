package io.orikaeshi.intake.rest;

import java.time.Instant;

/**
 * Who a schedule puts on call at {@code at}; {@code contact} and {@code name} are absent when no shift covers it.
 */
public record OnCallNowView(String schedule, Instant at, String contact, String name) {
}
