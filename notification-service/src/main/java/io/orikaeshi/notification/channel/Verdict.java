package io.orikaeshi.notification.channel;

import java.time.Duration;
import java.util.Optional;

/** What a channel's answer means for the message. */
public sealed interface Verdict {

    /** The service took the message. */
    record Delivered() implements Verdict {
    }

    /** Try again later: after {@code after} when the service said so (Retry-After), else after the backoff. */
    record Retry(Optional<Duration> after, String reason) implements Verdict {
    }

    /** The service will never take this message (a 4xx other than 408/429, a revoked token): no retry. */
    record Refused(String reason) implements Verdict {
    }
}
