package io.orikaeshi.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Ids of events that a process may emit more than once for the same fact (a timer firing after a crash, a second
 * scheduler instance): derived from the fact itself, so every emission carries the same id.
 */
public final class EventIds {

    private EventIds() {
    }

    public static String deterministic(String kind, Object... parts) {
        StringBuilder key = new StringBuilder(kind);
        for (Object part : parts) {
            key.append('|').append(part);
        }
        return UUID.nameUUIDFromBytes(key.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * The id of a deadline event of the callback scheduler: one per (call, due time, level, version of the promise).
     * The promise version tells an extension back to an earlier due time apart from the original promise.
     */
    public static String ofPromise(String type, String callId, Instant dueAt, int level, int promiseVersion) {
        return deterministic(type, callId, dueAt, level, promiseVersion);
    }

    public static String random() {
        return UUID.randomUUID().toString();
    }
}
