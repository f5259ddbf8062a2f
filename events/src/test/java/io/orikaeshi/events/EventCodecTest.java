package io.orikaeshi.events;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventCodecTest {

    private static final Instant DUE = Instant.parse("2026-11-23T06:00:00Z");

    @Test
    void callReceivedSurvivesTheWireUnchanged() {
        CallDetails details = new CallDetails(Instant.parse("2026-11-23T05:00:00Z"), "op-7", "tokyo", "佐藤",
                CapturedItem.provided("山田 太郎"), CapturedItem.provided("見積もりの件"),
                CapturedItem.notObtained(CaptureStatus.DECLINED), Urgency.URGENT, "15時以降希望",
                new CallbackPromise(DUE, "佐藤"));
        CallReceived sent = CallReceived.of("acme-jp", "c-1", Instant.now(), details);

        OrikaeshiEvent received = EventCodec.fromJson(EventCodec.toJson(sent));

        assertEquals(sent, received);
        assertTrue(EventCodec.toJson(sent).contains("\"type\":\"CallReceived\""));
    }

    @Test
    void overdueIdIsTheSameForTheSameDeadlineAndDiffersForANewOne() {
        CallbackOverdue first = CallbackOverdue.of("t", "c-1", DUE.plusMillis(40), DUE, "pool");
        CallbackOverdue again = CallbackOverdue.of("t", "c-1", DUE.plusMillis(900), DUE, "pool");
        CallbackOverdue extended = CallbackOverdue.of("t", "c-1", DUE.plusSeconds(3600), DUE.plusSeconds(3600), "pool");

        assertEquals(first.eventId(), again.eventId());
        assertNotEquals(first.eventId(), extended.eventId());
    }

    @Test
    void unknownFieldsAreIgnoredSoProducersCanEvolve() {
        String json = "{\"type\":\"CallbackCompleted\",\"eventId\":\"e1\",\"version\":2,\"tenantId\":\"t\","
                + "\"callId\":\"c\",\"occurredAt\":\"2026-11-23T05:00:00Z\",\"completedBy\":\"op\",\"newField\":1}";

        CallbackCompleted event = assertInstanceOf(CallbackCompleted.class, EventCodec.fromJson(json));

        assertEquals(2, event.version());
        assertEquals("c", event.key());
    }

    @Test
    void garbageAndUnknownTypesAreRejectedAsMalformed() {
        assertThrows(EventCodec.MalformedEventException.class, () -> EventCodec.fromJson("not json"));
        assertThrows(EventCodec.MalformedEventException.class, () -> EventCodec.fromJson("{\"type\":\"Nope\"}"));
        assertThrows(EventCodec.MalformedEventException.class,
                () -> EventCodec.fromJson("{\"type\":\"CallbackCompleted\",\"eventId\":\"e\"}"));
        assertThrows(EventCodec.MalformedEventException.class, () -> EventCodec.fromJson(""));
    }
}
