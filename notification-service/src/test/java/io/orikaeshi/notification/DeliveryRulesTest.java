package io.orikaeshi.notification;

import io.orikaeshi.events.CallDetails;
import io.orikaeshi.events.CallDirection;
import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackPromise;
import io.orikaeshi.events.CapturedItem;
import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.EventFixtures;
import io.orikaeshi.events.NotificationDeferred;
import io.orikaeshi.events.Topics;
import io.orikaeshi.events.Urgency;
import io.orikaeshi.infra.ReceivedMail;
import io.orikaeshi.infra.testing.Pause;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.orikaeshi.kit.tenant.TenantSettings;
import io.orikaeshi.notification.service.DigestService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who gets a tenant's mail (routing), when (quiet hours, digest) and how fast (sending limit). */
@QuarkusTest
class DeliveryRulesTest extends EventsToMail {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    DigestService digests;
    @Inject
    TenantDirectory tenants;

    private static CallReceived call(String tenant, String addressee, String category, Urgency urgency, Instant due) {
        CallDetails details = new CallDetails(Instant.now(), "op-1", "tokyo-1", addressee,
                CapturedItem.provided("山田 太郎"), CapturedItem.provided("見積もりの件"),
                CapturedItem.provided("+81312345678"), urgency, null,
                due == null ? null : new CallbackPromise(due, "佐藤"),
                CallDirection.INBOUND, category, List.of(), null);
        CallReceived event = EventFixtures.callReceived(tenant, EventFixtures.newCallId(), details);
        publish(Topics.CALL_EVENTS, event);
        return event;
    }

    private static List<String> recipientsOfReport(CallReceived event) {
        mail.awaitMessages(m -> m.textBody().contains(event.callId()), 1, WAIT);
        Pause.millis(1000);
        return mailsAbout(event.callId()).stream()
                .flatMap(m -> m.to().stream()).sorted().toList();
    }

    @Test
    void reportForANamedAddresseeGoesToThatAddresseesRoute() {
        CallReceived event = call("acme-jp", "営業部", null, Urgency.NORMAL, null);

        assertEquals(List.of("eigyo@acme.example"), recipientsOfReport(event));
    }

    @Test
    void reportIsRoutedByPurposeCategoryToEveryRecipientOfTheRoute() {
        CallReceived event = call("acme-jp", "佐藤", "見積", Urgency.NORMAL, null);

        assertEquals(List.of("eigyo@acme.example", "mitsumori@acme.example"), recipientsOfReport(event));
    }

    @Test
    void reportNoRouteMatchesGoesToTheTenantsReportRecipients() {
        // globex's route needs both addressee Billing and category invoice: Billing alone does not match.
        CallReceived jp = call("acme-jp", "佐藤", "その他", Urgency.NORMAL, null);
        CallReceived us = call("globex-us", "Billing", "support", Urgency.NORMAL, null);

        assertEquals(List.of("uketsuke@acme.example"), recipientsOfReport(jp));
        assertEquals(List.of("frontdesk@globex.example"), recipientsOfReport(us));
    }

    @Test
    void nonUrgentMailWaitsForTheOpeningWhileUrgentMailGoesAtOnce() {
        awaitStartOfClosedPhase();
        Instant opening = cycleStart(Instant.now()).plusSeconds(TestTenants.CLOSED_SECONDS);
        CallReceived normal = call(TestTenants.QUIET, "Ms Smith", null, Urgency.NORMAL, null);
        CallReceived urgent = call(TestTenants.QUIET, "Ms Smith", null, Urgency.URGENT, null);

        ReceivedMail urgentMail = mail.awaitMessages(m -> m.textBody().contains(urgent.callId()), 1, WAIT).get(0);
        assertTrue(phase(urgentMail.receivedAt()) < TestTenants.CLOSED_SECONDS,
                "urgent mail was sent while the tenant was closed");
        await(() -> !Ledger.ofCall(normal.callId()).isEmpty());
        Ledger.Row held = Ledger.ofCall(normal.callId()).get(0);
        assertTrue(mail.messages().stream().noneMatch(m -> m.textBody().contains(normal.callId())),
                "non-urgent mail went out while closed");
        assertEquals("PENDING", held.status());
        assertEquals(opening, held.heldUntil(), "held, durably, until the next opening");
        NotificationDeferred deferred = assertInstanceOf(NotificationDeferred.class, EventCodec.fromJson(kafka.poll(
                Topics.NOTIFICATION_EVENTS, r -> normal.callId().equals(r.key()) && r.value().contains("quiet hours"),
                1, WAIT).get(0).value()));
        assertEquals(opening, deferred.until());

        ReceivedMail released = mail.awaitMessages(m -> m.textBody().contains(normal.callId()), 1,
                Duration.ofSeconds(TestTenants.CYCLE_SECONDS)).get(0);
        assertFalse(released.receivedAt().isBefore(opening), "released at the opening, not before");
        assertNull(Ledger.ofCall(urgent.callId()).get(0).heldUntil());
    }

    @Test
    void mailOverTheTenantsSendingLimitWaitsAndIsStillDeliveredOnce() {
        List<CallReceived> calls = java.util.stream.IntStream.range(0, TestTenants.LIMIT + 2)
                .mapToObj(i -> call(TestTenants.LIMITED, "Ms Smith", null, Urgency.NORMAL, null)).toList();

        List<ReceivedMail> received = mail.awaitMessages(m -> calls.stream()
                .anyMatch(c -> m.textBody().contains(c.callId())), calls.size(), Duration.ofSeconds(30));
        Pause.millis(1000);

        for (CallReceived call : calls) {
            assertEquals(1, mailsAbout(call.callId()).size());
        }
        List<Instant> times = received.stream().map(ReceivedMail::receivedAt).sorted(Comparator.naturalOrder())
                .toList();
        Duration window = Duration.ofSeconds(TestTenants.LIMIT_WINDOW_SECONDS);
        for (int i = 0; i + TestTenants.LIMIT < times.size(); i++) {
            Duration spread = Duration.between(times.get(i), times.get(i + TestTenants.LIMIT));
            assertTrue(spread.compareTo(window) >= 0, "more than " + TestTenants.LIMIT + " mails within " + spread);
        }
    }

    @Test
    void digestCountsThePeriodsCallsAndListsOpenAndOverdueCallbacks() throws Throwable {
        Instant now = Instant.now();
        CallReceived overdue = call(TestTenants.DIGEST, "佐藤", null, Urgency.URGENT, now.minusSeconds(3600));
        CallReceived open = call(TestTenants.DIGEST, "鈴木", null, Urgency.NORMAL, now.plusSeconds(7200));
        CallReceived noCallback = call(TestTenants.DIGEST, "佐藤", null, Urgency.NORMAL, null);
        CallReceived done = call(TestTenants.DIGEST, "佐藤", null, Urgency.NORMAL, now.plusSeconds(3600));
        publish(Topics.CALL_EVENTS, EventFixtures.completed(TestTenants.DIGEST, done.callId()));
        await(() -> Ledger.snapshot(done.callId(), true) && Ledger.snapshot(overdue.callId(), false)
                && Ledger.snapshot(open.callId(), false) && Ledger.snapshot(noCallback.callId(), false));
        TenantSettings tenant = tenants.find(TestTenants.DIGEST).orElseThrow();
        Instant end = Instant.now();

        assertTrue(VertxContextSupport.subscribeAndAwait(() -> digests.send(tenant, end)));
        ReceivedMail digest = mail.awaitMessages(m -> m.subject().startsWith("【本日のご報告】")
                && m.textBody().contains(overdue.callId()), 1, WAIT).get(0);

        assertEquals(List.of("digest@test.example"), digest.to());
        assertTrue(digest.subject().contains("受電4件、未完了の折り返し2件（うち期限超過1件）"), digest.subject());
        String text = digest.textBody();
        assertTrue(text.contains("受電件数　　　　　：4件（うち至急 1件、折り返しのお約束 3件）"), text);
        String overdueSection = text.substring(text.indexOf("■ 期限を過ぎた折り返し"), text.indexOf("■ 期限前の折り返し"));
        assertTrue(overdueSection.contains("山田 太郎 様（佐藤宛）") && overdueSection.contains(overdue.callId()), text);
        assertTrue(text.substring(text.indexOf("■ 期限前の折り返し")).contains(open.callId()), text);
        assertFalse(text.contains(done.callId()) || text.contains(noCallback.callId()),
                "closed or no callback: " + text);
        assertTrue(digest.htmlBody().contains("4件（うち至急 1件、折り返しのお約束 3件）"), digest.htmlBody());
        assertTrue(mail.messages().stream().noneMatch(m -> m.subject().startsWith("【お電話のご報告】")
                && m.to().contains("digest@test.example")), "a digest tenant gets no per-call reports");
        assertFalse(VertxContextSupport.subscribeAndAwait(() -> digests.send(tenant, end)), "one digest per period");
    }

    @Test
    void scheduledDigestGoesOutOnceWhenItsTimeHasPassed() {
        // digest-test's digest is at 00:00 UTC, so today's is due from the start of the service.
        String today = java.time.format.DateTimeFormatter.ofPattern("yyyy年M月d日", java.util.Locale.JAPANESE)
                .format(Instant.now().atZone(ZoneOffset.UTC));
        mail.awaitMessages(m -> m.subject().startsWith("【本日のご報告】" + today) && m.subject().contains("0:00まで"),
                1, Duration.ofSeconds(40));
        Pause.millis(1000);

        assertEquals(1, mail.messages().stream().filter(m -> m.subject().startsWith("【本日のご報告】" + today)
                && m.subject().contains(" 0:00まで")).count());
    }

    /** Seconds since the start of the quiet tenant's 30 s cycle: closed below 20. */
    private static long phase(Instant at) {
        return at.getEpochSecond() % TestTenants.CYCLE_SECONDS;
    }

    private static Instant cycleStart(Instant at) {
        return Instant.ofEpochSecond(at.getEpochSecond() - phase(at));
    }

    private static void awaitStartOfClosedPhase() {
        Instant now = Instant.now();
        if (phase(now) > 3) {
            Pause.millis(Duration.between(now, cycleStart(now).plusSeconds(TestTenants.CYCLE_SECONDS)).toMillis() + 50);
        }
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            Pause.millis(100);
        }
    }

}
