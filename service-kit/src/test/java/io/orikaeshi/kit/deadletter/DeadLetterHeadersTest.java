package io.orikaeshi.kit.deadletter;

import io.orikaeshi.kit.inbox.DeadLetters;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeadLetterHeadersTest {

    @Test
    void anIdIsPartitionDashOffsetAndAnythingElseNamesNothing() {
        assertEquals(Optional.of(new DeadLetterId(2, 17)), DeadLetterId.parse("2-17"));
        assertEquals("2-17", new DeadLetterId(2, 17).toString());
        for (String text : new String[]{null, "", "2", "2-", "-17", "a-17", "2-17x", "2--17",
                "2-99999999999999999999"}) {
            assertEquals(Optional.empty(), DeadLetterId.parse(text), String.valueOf(text));
        }
    }

    @Test
    void aReplayNamesTheDeadLetterTopicPartitionAndOffsetItCameFrom() {
        assertEquals("orikaeshi.dlq.reporting-service-2@17",
                new DeadLetterId(2, 17).replayOf("orikaeshi.dlq.reporting-service"));
    }

    @Test
    void aReplayKeepsTheOriginalHeadersAndDropsWhatParkingAdded() {
        Headers parked = new RecordHeaders();
        parked.add("traceparent", bytes("00-abc-def-01"));
        parked.add(DeadLetters.REASON, bytes("not an event"));
        parked.add(DeadLetters.TOPIC, bytes("orikaeshi.call-events"));
        parked.add(DeadLetters.OFFSET, bytes("4"));
        parked.add(DeadLetterHeaders.REPLAY_OF, bytes("an earlier replay"));

        Headers replay = DeadLetterHeaders.forReplay(parked, "orikaeshi.dlq.x-0@1");

        List<String> names = new ArrayList<>();
        for (Header h : replay) {
            names.add(h.key());
        }
        assertEquals(List.of("traceparent", DeadLetterHeaders.REPLAY_OF), names);
        assertEquals(Optional.of("00-abc-def-01"), DeadLetterHeaders.text(replay, "traceparent"));
        assertEquals(Optional.of("orikaeshi.dlq.x-0@1"), DeadLetterHeaders.text(replay, DeadLetterHeaders.REPLAY_OF));
    }

    @Test
    void numbersWrittenByHandOrMissingAreReadAsAbsent() {
        Headers headers = new RecordHeaders();
        headers.add(DeadLetters.PARTITION, bytes("3"));
        headers.add(DeadLetters.OFFSET, bytes("three"));
        assertEquals(Optional.of(3L), DeadLetterHeaders.number(headers, DeadLetters.PARTITION));
        assertEquals(Optional.empty(), DeadLetterHeaders.number(headers, DeadLetters.OFFSET));
        assertEquals(Optional.empty(), DeadLetterHeaders.number(headers, DeadLetters.TOPIC));
    }

    @Test
    void aResolutionMarkerReadsBackAsWrittenAndAParkedRecordIsNoMarker() {
        Resolution written = new Resolution(new DeadLetterId(1, 5), Resolution.Action.DISCARDED, "ok_platform",
                "test data", Instant.parse("2026-12-05T13:00:00Z"));
        assertTrue(Resolution.isMarker(written.headers()));
        assertEquals(Optional.of(written), Resolution.of("1-5", written.headers()));

        Headers parked = new RecordHeaders();
        parked.add(DeadLetters.REASON, bytes("not an event"));
        assertFalse(Resolution.isMarker(parked));
        assertEquals(Optional.empty(), Resolution.of("1-5", parked));
    }

    @Test
    void aMarkerWithAnUnknownActionResolvesNothing() {
        Headers headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.ACTION, bytes("ARCHIVED"));
        assertTrue(Resolution.isMarker(headers));
        assertEquals(Optional.empty(), Resolution.of("1-5", headers));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
