package io.orikaeshi.notification;

import io.orikaeshi.events.CallDetails;
import io.orikaeshi.events.CallDirection;
import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackChased;
import io.orikaeshi.events.CallbackEscalated;
import io.orikaeshi.events.CallbackPromise;
import io.orikaeshi.events.CallbackWarned;
import io.orikaeshi.events.CaptureStatus;
import io.orikaeshi.events.CapturedItem;
import io.orikaeshi.events.EscalationReason;
import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.EventFixtures;
import io.orikaeshi.events.HearingAnswer;
import io.orikaeshi.events.NotificationSent;
import io.orikaeshi.events.Topics;
import io.orikaeshi.events.Urgency;
import io.orikaeshi.kit.links.LinkAction;
import io.orikaeshi.kit.links.LinkClaim;
import io.orikaeshi.kit.links.SignedLinks;
import jakarta.inject.Inject;
import io.orikaeshi.infra.ReceivedMail;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class AlertEmailTest extends EventsToMail {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Instant DUE = Instant.parse("2026-11-24T06:00:00Z");

    @Inject
    SignedLinks links;

    private static String reportedCall(String tenant) {
        CallReceived received = EventFixtures.callReceived(tenant, EventFixtures.newCallId(), DUE);
        publish(Topics.CALL_EVENTS, received);
        return received.callId();
    }

    private static ReceivedMail mailAbout(String callId, String subjectStart) {
        return mail.awaitMessages(m -> m.textBody().contains(callId) && m.subject().startsWith(subjectStart), 1, WAIT)
                .get(0);
    }

    @Test
    void warningAsksToAgreeANewTimeBeforeTheDeadline() {
        String callId = reportedCall("acme-jp");
        publish(Topics.DEADLINE_EVENTS, CallbackWarned.of("acme-jp", callId, Instant.now(), DUE, "佐藤"));

        ReceivedMail warning = mailAbout(callId, "【期限間近】");

        assertTrue(warning.subject().contains("山田 太郎 様"), warning.subject());
        assertTrue(warning.subject().contains("15:00"), "due time in Tokyo: " + warning.subject());
        assertTrue(warning.textBody().contains("新しいお時間"), warning.textBody());
    }

    @Test
    void escalationToAContactReachesTheContactAsWellAsTheTenant() {
        String callId = reportedCall("acme-jp");
        publish(Topics.DEADLINE_EVENTS,
                CallbackEscalated.of("acme-jp", callId, Instant.now(), DUE, 2, "sv@acme.example"));

        List<ReceivedMail> escalations = mail.awaitMessages(
                m -> m.textBody().contains(callId) && m.subject().startsWith("【エスカレーション2】"), 2, WAIT);

        assertEquals(List.of("sv@acme.example", "uketsuke@acme.example"),
                escalations.stream().flatMap(m -> m.to().stream()).sorted().toList());
    }

    @Test
    void chaseEscalationBeforeTheDueTimeSaysTheCallerRangAgainNotThatTheDeadlinePassed() {
        String callId = reportedCall("acme-jp");
        Instant due = Instant.parse("2036-01-06T13:34:00Z");
        publish(Topics.DEADLINE_EVENTS, CallbackEscalated.of("acme-jp", callId, Instant.now(), due, 1,
                "sv@acme.example", 1, EscalationReason.CHASE));

        ReceivedMail escalation = mailAbout(callId, "【エスカレーション1・再入電】");

        assertTrue(escalation.subject().contains("22:34"), "the real due time, in Tokyo: " + escalation.subject());
        assertTrue(escalation.textBody().contains("再度お電話"), escalation.textBody());
        assertTrue(!escalation.subject().contains("過ぎ") && !escalation.textBody().contains("過ぎ"),
                "nothing says the deadline passed: " + escalation.subject() + "\n" + escalation.textBody());
    }

    @Test
    void chaseIsAlertedInEnglishForAnEnglishTenant() {
        String callId = reportedCall("globex-us");
        publish(Topics.CALL_EVENTS,
                CallbackChased.of("globex-us", callId, Instant.now(), EventFixtures.newCallId(), 2));

        ReceivedMail chase = mailAbout(callId, "[CALLED AGAIN]");

        assertTrue(chase.subject().contains("(2 times)"), chase.subject());
        assertTrue(chase.textBody().contains("apologise for the wait"), chase.textBody());
    }

    @Test
    void everySentEmailIsPublishedAsSentWithItsMessageId() {
        String callId = reportedCall("acme-jp");

        ReceivedMail report = mailAbout(callId, "【お電話のご報告】");

        NotificationSent sent = assertInstanceOf(NotificationSent.class, EventCodec.fromJson(kafka.poll(
                Topics.NOTIFICATION_EVENTS, r -> callId.equals(r.key()), 1, WAIT).get(0).value()));
        assertEquals(report.messageId(), sent.messageId());
        assertEquals("REPORT", sent.kind());
        assertEquals("uketsuke@acme.example", sent.recipient());
    }

    @Test
    void reportCarriesSignedLinksToTakeTheCallbackOnAndToMarkItDone() {
        String callId = reportedCall("globex-us");

        ReceivedMail report = mailAbout(callId, "Call for");

        Matcher done = Pattern.compile("Mark done: +(\\S+)").matcher(report.textBody());
        assertTrue(done.find(), report.textBody());
        String url = done.group(1);
        assertTrue(url.startsWith("http://localhost:8081/links/"), url);
        LinkClaim claim = links.verify(url.substring(url.lastIndexOf('/') + 1), Instant.now());
        // The link names the message it came in, so opening it tells which message was read.
        assertEquals(new LinkClaim("globex-us", callId, LinkAction.COMPLETE, claim.expiresAt(),
                Optional.of(report.messageId())), claim);
        assertTrue(report.htmlBody().contains("<a href=\"" + url + "\">Mark done</a>"), report.htmlBody());
    }

    @Test
    void hearingItemsAreReportedWithTheirCaptureStatus() {
        String callId = EventFixtures.newCallId();
        CallDetails details = new CallDetails(Instant.now(), "op-1", "tokyo-1", "佐藤", CapturedItem.provided("山田 太郎"),
                CapturedItem.provided("見積もりの件"), CapturedItem.provided("+81312345678"), Urgency.NORMAL, null,
                new CallbackPromise(DUE, "佐藤"), CallDirection.INBOUND, null,
                List.of(new HearingAnswer("ご希望の折り返し時間帯", CapturedItem.provided("15時以降")),
                        new HearingAnswer("ご来店予定", CapturedItem.notObtained(CaptureStatus.DECLINED))),
                null);
        publish(Topics.CALL_EVENTS, EventFixtures.callReceived("acme-jp", callId, details));

        ReceivedMail report = mailAbout(callId, "【お電話のご報告】");

        assertTrue(report.textBody().contains("ご希望の折り返し時間帯：15時以降"), report.textBody());
        assertTrue(report.textBody().contains("ご来店予定：お伺いしましたが、お客様のご意向によりお教えいただけませんでした"));
        assertTrue(report.htmlBody().contains("ご希望の折り返し時間帯"));
    }
}
