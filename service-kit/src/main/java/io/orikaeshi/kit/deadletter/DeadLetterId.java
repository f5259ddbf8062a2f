package io.orikaeshi.kit.deadletter;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parked record's place on its service's dead-letter topic, written "partition-offset" (e.g. "2-17"). */
public record DeadLetterId(int partition, long offset) {

    private static final Pattern TEXT = Pattern.compile("(\\d{1,9})-(\\d{1,18})");

    public DeadLetterId {
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("partition and offset are never negative");
        }
    }

    /** Empty for any text that is not an id: the API answers 404 for it, as for an id that names nothing. */
    public static Optional<DeadLetterId> parse(String text) {
        Matcher m = text == null ? null : TEXT.matcher(text);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new DeadLetterId(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2))));
    }

    /** The value of a replayed record's {@code orikaeshi-replay-of} header. */
    public String replayOf(String deadLetterTopic) {
        return deadLetterTopic + "-" + partition + "@" + offset;
    }

    @Override
    public String toString() {
        return partition + "-" + offset;
    }
}
