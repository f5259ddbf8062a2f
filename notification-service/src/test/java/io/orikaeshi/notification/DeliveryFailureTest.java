package io.orikaeshi.notification;

import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackEscalated;
import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.EventFixtures;
import io.orikaeshi.events.NotificationFailed;
import io.orikaeshi.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What happens when the SMTP server is away or refuses a recipient. */
@QuarkusTest
class DeliveryFailureTest extends EventsToMail {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void mailQueuedWhileTheSmtpServerIsDownIsDeliveredOnceWhenItIsBack() throws InterruptedException {
        List<CallReceived> calls;
        mail.stopSmtp();
        try {
            calls = IntStream.range(0, 5).mapToObj(i -> EventFixtures.callReceived("acme-jp",
                    EventFixtures.newCallId(), Instant.now().plusSeconds(3600))).toList();
            calls.forEach(call -> publish(Topics.CALL_EVENTS, call));
            Thread.sleep(5000);
        } finally {
            mail.startSmtp();
        }
        for (CallReceived call : calls) {
            assertTrue(Ledger.ofCall(call.callId()).get(0).attempts() >= 1, "tried while the server was down");
        }

        mail.awaitMessages(m -> calls.stream().anyMatch(c -> m.textBody().contains(c.callId())), calls.size(), WAIT);
        Thread.sleep(2000);

        for (CallReceived call : calls) {
            assertEquals(1, mailsAbout(call.callId()).size(), "exactly one mail for call " + call.callId());
            Ledger.Row row = Ledger.ofCall(call.callId()).get(0);
            assertEquals("SENT", row.status());
            assertTrue(row.attempts() >= 2, "failed at least once before it went: " + row);
        }
    }

    @Test
    void permanentlyRefusedRecipientIsFailedAfterOneAttemptWithoutRetries() throws InterruptedException {
        String gone = "gone@acme.example";
        mail.refuse(gone);
        CallReceived call = EventFixtures.callReceived("acme-jp", EventFixtures.newCallId(),
                Instant.parse("2026-11-24T06:00:00Z"));
        publish(Topics.CALL_EVENTS, call);
        publish(Topics.DEADLINE_EVENTS, CallbackEscalated.of("acme-jp", call.callId(), Instant.now(),
                Instant.parse("2026-11-24T06:00:00Z"), 2, gone));

        NotificationFailed failed = assertInstanceOf(NotificationFailed.class, EventCodec.fromJson(kafka.poll(
                Topics.NOTIFICATION_EVENTS, r -> call.callId().equals(r.key()) && r.value().contains(gone)
                        && r.value().contains("NotificationFailed"),
                1, WAIT).get(0).value()));
        // The escalation still reaches the tenant; give a retry (first after 2 s) time to happen if it would.
        mail.awaitMessages(m -> m.textBody().contains(call.callId()) && m.subject().startsWith("【エスカレーション2】"),
                1, WAIT);
        Thread.sleep(4000);

        assertEquals(gone, failed.recipient());
        assertTrue(failed.reason().contains("550"), failed.reason());
        assertEquals(1, mail.refusedAttempts(gone), "one SMTP attempt, no retries");
        Ledger.Row row = Ledger.ofCall(call.callId()).stream().filter(r -> r.recipient().equals(gone))
                .findFirst().orElseThrow();
        assertEquals("FAILED", row.status());
        assertEquals(1, row.attempts());
    }
}
