package io.orikaeshi.kit.deadletter;

import io.orikaeshi.kit.inbox.DeadLetters;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The headers the workflow adds to the dead-letter contract (the parking ones are {@link DeadLetters}'): what a
 * resolution marker carries and what a replayed record keeps, and reading any of them. Every value is UTF-8 text.
 */
public final class DeadLetterHeaders {

    /** Every header parking or a marker adds starts so; a replay drops them all. */
    static final String PREFIX = "dead-letter-";

    /** Present on resolution markers only: how a parked record was resolved (see {@link Resolution}). */
    public static final String ACTION = "dead-letter-action";
    public static final String ACTOR = "dead-letter-actor";
    public static final String ACTION_REASON = "dead-letter-action-reason";
    public static final String ACTION_AT = "dead-letter-action-at";

    /** On a replayed record: "{dlq-topic}-{partition}@{offset}" of the parked record it came from. */
    public static final String REPLAY_OF = "orikaeshi-replay-of";

    private DeadLetterHeaders() {
    }

    /** The last value of the header as text, or empty when it is absent or has no value. */
    public static Optional<String> text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** The header as a number, or empty when it is absent or not a number (written by hand, or by another tool). */
    public static Optional<Long> number(Headers headers, String name) {
        return text(headers, name).flatMap(value -> {
            try {
                return Optional.of(Long.parseLong(value.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * The headers a replayed record goes out with: the original record's (a trace parent, say), without what parking
     * added, plus where it was replayed from, so the consumer and whoever reads its log can tell a replay.
     */
    public static Headers forReplay(Headers parked, String replayOf) {
        RecordHeaders replay = new RecordHeaders();
        for (Header header : parked) {
            if (!header.key().startsWith(PREFIX) && !header.key().equals(REPLAY_OF)) {
                replay.add(header.key(), header.value());
            }
        }
        replay.add(REPLAY_OF, bytes(replayOf));
        return replay;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
