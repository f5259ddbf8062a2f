package io.orikaeshi.kit.deadletter;

/** Kafka could not be read or written in time; the operator may retry (503), nothing was half-recorded. */
public class DeadLetterTopicUnavailable extends RuntimeException {

    public DeadLetterTopicUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
