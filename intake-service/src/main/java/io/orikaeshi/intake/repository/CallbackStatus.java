package io.orikaeshi.intake.repository;

public enum CallbackStatus {
    /** No callback was promised (the caller will call again, or needs none). */
    NONE, OPEN, COMPLETED,
    /** The caller no longer needs it. */
    CANCELLED
}
