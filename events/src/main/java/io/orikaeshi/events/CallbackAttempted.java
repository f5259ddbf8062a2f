package io.orikaeshi.events;

import java.time.Instant;

/** An operator tried to call back: reached, no answer or voicemail, and when the next try is due. */
public record CallbackAttempted(String eventId, int version, String tenantId, String callId, Instant occurredAt,
        AttemptOutcome outcome, Instant nextAttemptAt, String by) implements OrikaeshiEvent {

    public static final int VERSION = 1;

    public static CallbackAttempted of(String tenantId, String callId, Instant occurredAt, AttemptOutcome outcome,
            Instant nextAttemptAt, String by) {
        return new CallbackAttempted(EventIds.random(), VERSION, tenantId, callId, occurredAt, outcome, nextAttemptAt,
                by);
    }
}
