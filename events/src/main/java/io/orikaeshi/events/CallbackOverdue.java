package io.orikaeshi.events;

import java.time.Instant;

/**
 * The promised time passed without the callback being completed.
 * The id is derived from (call, due time), so a re-emission after a crash or by a second scheduler instance carries
 * the same id and is recognised downstream as the same event.
 */
public record CallbackOverdue(String eventId, int version, String tenantId, String callId, Instant occurredAt,
        Instant dueAt, String assignee) implements OrikaeshiEvent {

    public static final int VERSION = 1;

    public static CallbackOverdue of(String tenantId, String callId, Instant firedAt, Instant dueAt, String assignee) {
        return new CallbackOverdue(EventIds.deterministic("CallbackOverdue", callId, dueAt), VERSION, tenantId, callId,
                firedAt, dueAt, assignee);
    }

    /** As the scheduler emits it: the id names the promise version (see {@link EventIds#ofPromise}). */
    public static CallbackOverdue of(String tenantId, String callId, Instant firedAt, Instant dueAt, String assignee,
            int promiseVersion) {
        return new CallbackOverdue(EventIds.ofPromise("CallbackOverdue", callId, dueAt, 0, promiseVersion), VERSION,
                tenantId, callId, firedAt, dueAt, assignee);
    }
}
