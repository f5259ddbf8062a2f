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

    @Test
    void aChaseEscalationBeforeTheDueTimeSaysChaseAndKeepsTheRealDueTime() {
        CallbackEscalated sent = CallbackEscalated.of("t", "c-1", DUE.minusSeconds(3600), DUE, 1, "sv@acme.example", 1,
                EscalationReason.CHASE);

        CallbackEscalated received = assertInstanceOf(CallbackEscalated.class,
                EventCodec.fromJson(EventCodec.toJson(sent)));

        assertEquals(EscalationReason.CHASE, received.reason());
        assertEquals(DUE, received.dueAt());
        assertEquals(2, received.version());
    }

    @Test
    void aVersion1EscalationWithoutReasonStillParsesWithTheReasonItsTimesShow() {
        String v1 = "{\"type\":\"CallbackEscalated\",\"eventId\":\"e1\",\"version\":1,\"tenantId\":\"t\","
                + "\"callId\":\"c\",\"occurredAt\":\"%s\",\"dueAt\":\"2026-11-23T06:00:00Z\",\"level\":1,"
                + "\"target\":\"sv@acme.example\"}";

        CallbackEscalated early = assertInstanceOf(CallbackEscalated.class,
                EventCodec.fromJson(v1.formatted("2026-11-23T05:00:00Z")));
        CallbackEscalated late = assertInstanceOf(CallbackEscalated.class,
                EventCodec.fromJson(v1.formatted("2026-11-23T06:10:00Z")));

        assertEquals(EscalationReason.CHASE, early.reason());
        assertEquals(EscalationReason.OVERDUE, late.reason());
    }

    @Test
    void aTenantSnapshotWrittenBeforeNextBusinessDayWithinExistedParsesWithTheDefault() {
        io.orikaeshi.events.tenant.TenantProfile.Promises promises = new io.orikaeshi.events.tenant.TenantProfile.Promises(
                java.time.Duration.ofMinutes(15), java.util.Optional.empty(), "pool", java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty());
        io.orikaeshi.events.tenant.TenantChanged sent = io.orikaeshi.events.tenant.TenantChanged.of("t", 1, DUE,
                new io.orikaeshi.events.tenant.TenantProfile("T", java.util.Optional.empty(), "ja", "Asia/Tokyo", "JP",
                        java.util.Optional.empty(), new io.orikaeshi.events.tenant.TenantProfile.Calendar(
                                "MON-FRI 09:00-18:00", "JP", java.util.Optional.empty()),
                        promises, java.util.Optional.empty(),
                        io.orikaeshi.events.tenant.TenantProfile.Notifications.defaults()),
                java.util.List.of());
        String old = EventCodec.toJson(sent).replace(",\"nextBusinessDayWithin\":null", "");

        io.orikaeshi.events.tenant.TenantChanged received = EventCodec.tenantFromJson(old);

        assertTrue(!old.contains("nextBusinessDayWithin"), old);
        assertEquals(java.util.Optional.empty(), received.profile().promises().nextBusinessDayWithin());
        assertEquals(java.time.Duration.ofHours(3), received.profile().promises().nextBusinessDayDueAfterOpening());
    }
}
