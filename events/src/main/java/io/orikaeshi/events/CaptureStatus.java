package io.orikaeshi.events;

/**
 * What happened when the operator asked for an item. Asking is not obtaining: a report must be able to say that the
 * caller declined to give a number, which is not the same as the operator forgetting to ask.
 */
public enum CaptureStatus {
    /** The caller gave it; the item has a value. */
    PROVIDED,
    /** Asked, and the caller preferred not to give it (e.g. "it's personal information"). */
    DECLINED,
    /** The caller hung up before it could be asked. */
    HUNG_UP,
    /** Not needed (e.g. the caller said no callback is required). */
    NOT_NEEDED
}
