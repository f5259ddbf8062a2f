package io.orikaeshi.events;

/** How the promise was phrased to the caller; {@link CallbackPromise#dueAt()} is always the absolute deadline. */
public enum PromiseKind {
    /** "by 15:00": kept literally. */
    BY_TIME,
    /** "within 30 minutes". */
    WITHIN,
    /** "after 15:00, before 18:00": due at the window's end, not to be called before its start. */
    WINDOW,
    /** "next business day (morning)", per the tenant's calendar. */
    NEXT_BUSINESS_DAY,
    /** The tenant's default promise, when the operator stated none. */
    TENANT_DEFAULT
}
