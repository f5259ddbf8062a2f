package io.orikaeshi.kit.deadletter;

import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.kit.inbox.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

import java.time.Instant;
import java.util.Optional;

/**
 * A record a consumer parked on its dead-letter topic, as read back: where it came from and why, from the contract's
 * headers, and which event it holds when the value is one. Holds the payload, which is personal data: never log it.
 */
public record ParkedRecord(DeadLetterId id, Instant parkedAt, String originTopic, Integer originPartition,
        Long originOffset, String reason, String cause, String key, String value, Headers headers,
        Optional<EventRef> event) {

    /** Which event the payload is; enough for an operator to find the call without reading the payload. */
    public record EventRef(String type, String eventId, String tenantId, String callId) {
    }

    public static ParkedRecord of(ConsumerRecord<String, String> record) {
        Headers headers = record.headers();
        String value = record.value() == null ? "" : record.value();
        return new ParkedRecord(new DeadLetterId(record.partition(), record.offset()),
                Instant.ofEpochMilli(record.timestamp()),
                DeadLetterHeaders.text(headers, DeadLetters.TOPIC).orElse(null),
                DeadLetterHeaders.number(headers, DeadLetters.PARTITION).map(Long::intValue).orElse(null),
                DeadLetterHeaders.number(headers, DeadLetters.OFFSET).orElse(null),
                DeadLetterHeaders.text(headers, DeadLetters.REASON).orElse(null),
                DeadLetterHeaders.text(headers, DeadLetters.CAUSE).orElse(null),
                record.key(), value, headers, eventIn(value));
    }

    /**
     * Whether a replay can do anything: it needs the topic to go back to, and a value the consumer can read (the
     * consumer parses with the same codec, so a value that is no event here would only be parked again).
     */
    public boolean replayable() {
        return originTopic != null && !originTopic.isBlank() && event.isPresent();
    }

    private static Optional<EventRef> eventIn(String value) {
        try {
            OrikaeshiEvent e = EventCodec.fromJson(value);
            return Optional.of(new EventRef(e.type(), e.eventId(), e.tenantId(), e.callId()));
        } catch (RuntimeException notAnEvent) {
            return Optional.empty();
        }
    }
}
