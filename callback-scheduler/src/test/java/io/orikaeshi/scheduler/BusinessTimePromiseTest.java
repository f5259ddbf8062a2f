package io.orikaeshi.scheduler;

import io.orikaeshi.events.AssigneeKind;
import io.orikaeshi.events.CallDetails;
import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackPromise;
import io.orikaeshi.events.CapturedItem;
import io.orikaeshi.events.EventFixtures;
import io.orikaeshi.events.PromiseKind;
import io.orikaeshi.events.Urgency;
import io.orikaeshi.infra.LocalInfrastructure;
import io.orikaeshi.infra.testing.InfraTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A promise that arrives without a time is measured on the tenant's business calendar (acme-jp: MON-FRI
 * 09:00-12:00,13:00-18:00, Japanese holidays, a 2-hour default promise); an explicit time is kept literally.
 */
@QuarkusTest
class BusinessTimePromiseTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    @RegisterExtension
    static final DeadlineEventStream stream = new DeadlineEventStream();

    private static Instant tokyo(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(TOKYO).toInstant();
    }

    private static CallReceived received(String callId, Instant receivedAt, CallbackPromise promise) {
        CallDetails details = new CallDetails(receivedAt, "op-1", "tokyo-1", "佐藤", CapturedItem.provided("山田 太郎"),
                CapturedItem.provided("見積もりの件"), CapturedItem.provided("+81312345678"), Urgency.NORMAL, null,
                promise);
        return CallReceived.of("acme-jp", callId, receivedAt, details);
    }

    /** The due time the scheduler stored, once the event has been applied. */
    private static Instant storedDueAt(String callId) throws Exception {
        LocalInfrastructure infra = InfraTestResource.infra();
        long deadline = System.nanoTime() + DeadlineEventStream.WAIT.toNanos();
        try (Connection db = DriverManager.getConnection(infra.jdbcUrl("scheduler"), infra.dbUsername(),
                infra.dbPassword());
                PreparedStatement query = db.prepareStatement("select due_at from deadline where call_id = ?")) {
            query.setString(1, callId);
            while (System.nanoTime() < deadline) {
                try (ResultSet row = query.executeQuery()) {
                    if (row.next()) {
                        return row.getTimestamp(1).toInstant();
                    }
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("No deadline stored for call " + callId);
    }

    @Test
    void nextBusinessDayPromiseOnSaturdaySkipsTheHolidayMonday() throws Exception {
        String callId = EventFixtures.newCallId();
        stream.publish(received(callId, tokyo("2026-01-10T11:00"),
                new CallbackPromise(null, "佐藤", PromiseKind.NEXT_BUSINESS_DAY, null, AssigneeKind.PERSON)));

        // Sunday closed, Monday 2026-01-12 is 成人の日: Tuesday's opening plus the tenant's next-business-day time
        // (the default three business hours), as intake computes it: 12:00.
        assertEquals(tokyo("2026-01-13T12:00"), storedDueAt(callId));
    }

    @Test
    void tenantDefaultPromiseIsMeasuredInBusinessHoursAcrossTheNightAndTheHoliday() throws Exception {
        String callId = EventFixtures.newCallId();
        stream.publish(received(callId, tokyo("2026-01-09T17:00"),
                new CallbackPromise(null, "佐藤", PromiseKind.TENANT_DEFAULT, null, AssigneeKind.PERSON)));

        // 2 business hours from Friday 17:00: one until 18:00, the second on Tuesday from 09:00.
        assertEquals(tokyo("2026-01-13T10:00"), storedDueAt(callId));
    }

    @Test
    void explicitClockTimeIsKeptLiterallyEvenOutsideOpeningHours() throws Exception {
        String callId = EventFixtures.newCallId();
        Instant sundayNight = tokyo("2026-01-11T21:30");
        stream.publish(received(callId, tokyo("2026-01-09T17:00"), new CallbackPromise(sundayNight, "佐藤")));

        assertEquals(sundayNight, storedDueAt(callId));
    }
}
