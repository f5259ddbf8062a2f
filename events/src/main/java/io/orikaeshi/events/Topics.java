package io.orikaeshi.events;

import java.util.List;
import java.util.Map;

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

    /**
     * Written by intake-service: a snapshot of a tenant (settings and API key hashes) after each change, keyed by the
     * tenant id and compacted, so every service can rebuild its tenant directory from the start of the topic.
     */
    public static final String TENANT_EVENTS = "orikaeshi.tenant-events";

    /** Consumers that own a dead-letter topic; a poison message is parked there per consumer, for that consumer to replay. */
    public static final List<String> CONSUMERS = List.of("callback-scheduler", "notification-service",
            "reporting-service");

    public static final int PARTITIONS = 6;

    private Topics() {
    }

    public static String deadLetter(String consumer) {
        return "orikaeshi.dlq." + consumer;
    }

    /** Topic settings beyond the broker's defaults. */
    public static Map<String, String> settings(String topic) {
        // Only the latest snapshot of each tenant matters; compaction keeps the topic small and replayable forever.
        return TENANT_EVENTS.equals(topic) ? Map.of("cleanup.policy", "compact") : Map.of();
    }

    public static List<String> all() {
        return List.of(CALL_EVENTS, DEADLINE_EVENTS, NOTIFICATION_EVENTS, TENANT_EVENTS,
                deadLetter(CONSUMERS.get(0)), deadLetter(CONSUMERS.get(1)), deadLetter(CONSUMERS.get(2)));
    }
}
