package io.orikaeshi.events;

import java.util.List;

/**
 * Kafka topics of the system. Each topic has exactly one writing service, so its schema evolves in one place.
 * Every record is keyed by the call id: all events of one call (and its callback promise) land on one partition
 * and are consumed in the order they were written, while the calls of one busy tenant still spread over partitions.
 */
public final class Topics {

    /** Written by intake-service: what operators and clients did (CallReceived, CallbackCompleted, ...). */
    public static final String CALL_EVENTS = "orikaeshi.call-events";
    /** Written by callback-scheduler: what the clock decided (CallbackOverdue, ...). */
    public static final String DEADLINE_EVENTS = "orikaeshi.deadline-events";

    /** Written by notification-service: what became of each email (NotificationSent, Deferred, Failed). */
    public static final String NOTIFICATION_EVENTS = "orikaeshi.notification-events";

    /** Consumers that own a dead-letter topic; a poison message is parked there per consumer, for that consumer to replay. */
    public static final List<String> CONSUMERS = List.of("callback-scheduler", "notification-service", "reporting-service");

    public static final int PARTITIONS = 6;

    private Topics() {
    }

    public static String deadLetter(String consumer) {
        return "orikaeshi.dlq." + consumer;
    }

    public static List<String> all() {
        return List.of(CALL_EVENTS, DEADLINE_EVENTS, NOTIFICATION_EVENTS,
                deadLetter(CONSUMERS.get(0)), deadLetter(CONSUMERS.get(1)), deadLetter(CONSUMERS.get(2)));
    }
}
