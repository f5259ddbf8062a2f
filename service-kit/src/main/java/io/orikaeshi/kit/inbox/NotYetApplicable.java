package io.orikaeshi.kit.inbox;

import java.time.Duration;
import java.util.Optional;

/**
 * An event that depends on something this service has not seen yet (a deadline event before its call's
 * CallReceived, which comes on another topic). It is not poison: the {@link Inbox} holds its batch and tries again,
 * for as long as {@link #patience()} allows — without one, for as long as it takes.
 */
public class NotYetApplicable extends RuntimeException {

    private final transient Duration patience;

    public NotYetApplicable(String reason) {
        this(reason, null);
    }

    /** @param patience how long to wait before the event counts as one that will never apply (and is parked) */
    public NotYetApplicable(String reason, Duration patience) {
        super(reason, null, false, false);
        this.patience = patience;
    }

    public Optional<Duration> patience() {
        return Optional.ofNullable(patience);
    }
}
