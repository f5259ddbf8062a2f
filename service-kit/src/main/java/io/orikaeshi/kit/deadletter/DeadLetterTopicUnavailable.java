package io.orikaeshi.kit.deadletter;

/**
 * Kafka could not be read or written in time: the API answers 503 with Retry-After. A retry is safe: a record is
 * marked resolved only after its replay was acknowledged, and replaying twice changes nothing.
 */
public class DeadLetterTopicUnavailable extends RuntimeException {

    public DeadLetterTopicUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
