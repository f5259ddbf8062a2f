package io.orikaeshi.kit.deadletter;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How a parked record was resolved, as written in a marker record on the dead-letter topic: its key is the parked
 * record's id, its headers say what was done, by whom (a key id, never a key), when and why.
 */
public record Resolution(DeadLetterId id, Action action, String actor, String reason, Instant at) {

    public enum Action {
        REPLAYED, DISCARDED
    }

    public Headers headers() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.ACTION, DeadLetterHeaders.bytes(action.name()));
        headers.add(DeadLetterHeaders.ACTOR, DeadLetterHeaders.bytes(actor));
        headers.add(DeadLetterHeaders.ACTION_AT, DeadLetterHeaders.bytes(at.toString()));
        if (reason != null) {
            headers.add(DeadLetterHeaders.ACTION_REASON, DeadLetterHeaders.bytes(reason));
        }
        return headers;
    }

    /**
     * The resolution a record of the dead-letter topic states, or empty when it is not a marker (a parked record) or
     * a marker this version cannot read; such a marker resolves nothing, so the record stays listed.
     */
    public static Optional<Resolution> of(String key, Headers headers) {
        Optional<String> action = DeadLetterHeaders.text(headers, DeadLetterHeaders.ACTION);
        Optional<DeadLetterId> id = DeadLetterId.parse(key);
        if (action.isEmpty() || id.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Resolution(id.get(), Action.valueOf(action.get()),
                    DeadLetterHeaders.text(headers, DeadLetterHeaders.ACTOR).orElse("unknown"),
                    DeadLetterHeaders.text(headers, DeadLetterHeaders.ACTION_REASON).orElse(null),
                    DeadLetterHeaders.text(headers, DeadLetterHeaders.ACTION_AT).map(Instant::parse).orElse(null)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Whether the record is a marker at all, readable or not: a marker is never listed as a parked record. */
    public static boolean isMarker(Headers headers) {
        return headers.lastHeader(DeadLetterHeaders.ACTION) != null;
    }
}
