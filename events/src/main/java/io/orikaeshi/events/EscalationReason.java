package io.orikaeshi.events;

import java.time.Instant;

/** Why a promise went up the escalation chain: its due time passed, or the caller rang again (whatever the due time). */
public enum EscalationReason {
    OVERDUE, CHASE;

    /**
     * The reason of an escalation that does not name one (version 1 events): planned escalation levels only fire
     * after the due time, so one before it can only have been pulled forward by a chase call.
     */
    public static EscalationReason inferred(Instant occurredAt, Instant dueAt) {
        return occurredAt != null && dueAt != null && occurredAt.isBefore(dueAt) ? CHASE : OVERDUE;
    }
}
