package io.orikaeshi.scheduler.repository;

/** The clocks of a promise. */
public enum TimerKind {
    /** Before the due time: call back now, or call the caller to agree a new time. */
    WARN,
    /** At the due time. */
    OVERDUE,
    /** After the due time, one per level of the tenant's chain (or at once on a chase call). */
    ESCALATE,
    /** A callback owned by one person goes to the tenant's pool. */
    POOL_FALLBACK,
    /** At the next-attempt time an operator set after a failed attempt: remind the assignee to try again. */
    NEXT_ATTEMPT,
    /**
     * The tenant's repeat delay after the call's report, when nobody acknowledged, completed or cancelled it: the
     * repeat notice. One per call, not per version of the promise: an extension neither cancels nor re-arms it.
     */
    REPEAT;

    /** Whether the timer belongs to one version of the promise (voided by an extension) rather than to the call. */
    public boolean perVersion() {
        return this != REPEAT;
    }
}
