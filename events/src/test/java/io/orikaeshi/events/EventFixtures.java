package io.orikaeshi.events;

import java.time.Instant;
import java.util.UUID;

/** Builds valid events for the consumers' tests; shipped in this module's test-jar. */
public final class EventFixtures {

    private EventFixtures() {
    }

    public static String newCallId() {
        return UUID.randomUUID().toString();
    }

    public static CallDetails details(CapturedItem callerName, CapturedItem purpose, CapturedItem callbackNumber,
            Instant dueAt) {
        return new CallDetails(Instant.now(), "op-1", "tokyo-1", "佐藤", callerName, purpose, callbackNumber,
                Urgency.NORMAL, null, dueAt == null ? null : new CallbackPromise(dueAt, "佐藤"));
    }

    /** Everything provided; a callback promised at {@code dueAt} (none when null). */
    public static CallReceived callReceived(String tenantId, String callId, Instant dueAt) {
        return callReceived(tenantId, callId, details(CapturedItem.provided("山田 太郎"),
                CapturedItem.provided("見積もりの件"), CapturedItem.provided("+81312345678"), dueAt));
    }

    public static CallReceived callReceived(String tenantId, String callId, CallDetails details) {
        return CallReceived.of(tenantId, callId, Instant.now(), details);
    }

    public static CallbackCompleted completed(String tenantId, String callId) {
        return CallbackCompleted.of(tenantId, callId, Instant.now(), "op-1");
    }

    public static CallbackOverdue overdue(String tenantId, String callId, Instant dueAt) {
        return CallbackOverdue.of(tenantId, callId, Instant.now(), dueAt, "佐藤");
    }
}
