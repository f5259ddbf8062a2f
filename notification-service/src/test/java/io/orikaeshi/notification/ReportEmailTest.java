package io.orikaeshi.notification;

import io.orikaeshi.events.CallDetails;
import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.Urgency;
import io.orikaeshi.events.HearingAnswer;
import io.orikaeshi.events.CallbackPromise;
import io.orikaeshi.events.CallDirection;
import io.orikaeshi.events.CaptureStatus;
import io.orikaeshi.events.CapturedItem;
import io.orikaeshi.events.EventFixtures;
import io.orikaeshi.events.Topics;
import io.orikaeshi.kit.phone.PhoneDisplay;
import io.orikaeshi.infra.ReceivedMail;
import io.orikaeshi.notification.mapping.Wording;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ReportEmailTest extends EventsToMail {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String JA_RECIPIENT = "uketsuke@acme.example";
    private static final String EN_RECIPIENT = "frontdesk@globex.example";

    private static ReceivedMail onlyMailAbout(String callId) {
        return mail.awaitMessages(m -> m.textBody().contains(callId), 1, WAIT).get(0);
    }

    private static CallReceived call(String tenant, CapturedItem name, CapturedItem purpose, CapturedItem number,
            Instant due) {
        String callId = EventFixtures.newCallId();
        CallDetails details = EventFixtures.details(name, purpose, number, due);
        CallReceived event = EventFixtures.callReceived(tenant, callId, details);
        publish(Topics.CALL_EVENTS, event);
        return event;
    }

    @Test
    void japaneseReportSaysTheNumberWasAskedForButNotGiven() {
        CallReceived event = call("acme-jp", CapturedItem.provided("山田 太郎"), CapturedItem.provided("見積もりの件"),
                CapturedItem.notObtained(CaptureStatus.DECLINED), Instant.parse("2026-11-24T06:00:00Z"));

        ReceivedMail report = onlyMailAbout(event.callId());

        assertEquals(List.of(JA_RECIPIENT), report.to());
        assertTrue(report.subject().contains("お電話のご報告"), report.subject());
        assertTrue(report.subject().contains("山田 太郎 様"), report.subject());
        assertTrue(report.subject().contains("2026年11月24日(火) 15:00"), "due time in Tokyo time: " + report.subject());
        assertTrue(report.textBody().contains("折り返し先　：お伺いしましたが、お客様のご意向によりお教えいただけませんでした"),
                report.textBody());
        assertTrue(report.textBody().contains("ご用件　　　：見積もりの件"));
        assertNotNull(report.htmlBody(), "multipart with an HTML part");
        assertTrue(report.htmlBody().contains("お教えいただけませんでした"));
        assertTrue(report.messageId().endsWith("@orikaeshi>"), report.messageId());
    }

    @Test
    void englishReportNamesWhatIsMissingAndLinksTheNumber() {
        CallReceived event = call("globex-us", CapturedItem.notObtained(CaptureStatus.DECLINED),
                CapturedItem.notObtained(CaptureStatus.HUNG_UP), CapturedItem.provided("+12125550123"), null);

        ReceivedMail report = onlyMailAbout(event.callId());

        assertEquals(List.of(EN_RECIPIENT), report.to());
        assertTrue(report.subject().contains("from a caller who did not give a name"), report.subject());
        assertTrue(report.subject().contains("no callback needed"), report.subject());
        assertTrue(
                report.textBody()
                        .contains("Purpose:          Not obtained: the caller hung up before it could be asked"),
                report.textBody());
        assertTrue(report.textBody().contains("Caller's name:    Asked, but the caller preferred not to give it"));
        assertTrue(report.htmlBody().contains("<a href=\"tel:+12125550123\">"), report.htmlBody());
    }

    /**
     * Every capture status in every position (name, purpose, number: the statuses rotate), with and without a
     * callback, in both languages; checked on the MIME message as received.
     */
    @ParameterizedTest(name = "{0}, rotation {1}")
    @CsvSource({"acme-jp,0", "acme-jp,1", "acme-jp,2", "acme-jp,3",
            "globex-us,0", "globex-us,1", "globex-us,2", "globex-us,3"})
    void everyCaptureStatusIsWordedInEveryFieldInBothLanguages(String tenant, int rotation) {
        CaptureStatus[] statuses = CaptureStatus.values();
        CapturedItem name = item(statuses[rotation % 4], "山田 太郎");
        CapturedItem purpose = item(statuses[(rotation + 1) % 4], "見積もりの件");
        CapturedItem number = item(statuses[(rotation + 2) % 4], "+81312345678");
        Instant due = rotation % 2 == 0 ? Instant.now().plusSeconds(3600) : null;
        CallReceived event = call(tenant, name, purpose, number, due);
        Wording wording = "acme-jp".equals(tenant) ? Wording.JA : Wording.EN;

        ReceivedMail report = onlyMailAbout(event.callId());

        assertTrue(report.header("Subject").contains("=?"),
                "subject sent RFC 2047 encoded: " + report.header("Subject"));
        String caller = name.isProvided() ? wording.callerDisplay("山田 太郎") : wording.unnamedCaller();
        assertTrue(report.subject().contains(caller), report.subject());
        assertTrue(report.subject().contains(due == null
                ? (wording == Wording.JA ? "折り返し不要" : "no callback needed")
                : (wording == Wording.JA ? "折り返し期限" : "callback due")), report.subject());
        assertNotNull(report.htmlBody(), "multipart with an HTML part");
        for (CapturedItem item : List.of(name, purpose, number)) {
            String shown = item == number
                    ? PhoneDisplay.forRegion(item.value(), "acme-jp".equals(tenant) ? "JP" : "US")
                    : item.value();
            String expected = item.isProvided() ? shown : wording.notObtained(item.status());
            assertTrue(report.textBody().contains(expected), expected + " in\n" + report.textBody());
            assertTrue(report.htmlBody().contains(expected), expected + " in\n" + report.htmlBody());
        }
        if (List.of(name, purpose, number).stream().anyMatch(i -> i.status() == CaptureStatus.DECLINED)) {
            assertTrue(report.textBody().contains(wording.notObtained(CaptureStatus.DECLINED)),
                    "asked-but-not-given wording: " + report.textBody());
        }
        assertFalse(report.textBody().contains("null") || report.htmlBody().contains("null"), report.textBody());
        assertFalse(report.textBody().matches("(?s).*[：:] *\\R.*"), "a field was left blank:\n" + report.textBody());
        assertFalse(report.htmlBody().matches("(?s).*<td>\\s*</td>.*"), "an empty cell:\n" + report.htmlBody());
    }

    private static CapturedItem item(CaptureStatus status, String value) {
        return status == CaptureStatus.PROVIDED ? CapturedItem.provided(value) : CapturedItem.notObtained(status);
    }

    @Test
    void redeliveredEventSendsOneEmail() throws InterruptedException {
        CallReceived event = call("acme-jp", CapturedItem.provided("山田"), CapturedItem.provided("納期"),
                CapturedItem.provided("+81312345678"), null);
        publish(Topics.CALL_EVENTS, event);
        publish(Topics.CALL_EVENTS, event);

        onlyMailAbout(event.callId());
        Thread.sleep(1500);

        assertEquals(1, mailsAbout(event.callId()).size());
    }

    @Test
    void overdueAlertTellsWhomToCallBack() {
        Instant due = Instant.parse("2026-11-23T05:30:00Z");
        CallReceived event = call("acme-jp", CapturedItem.provided("山田 太郎"), CapturedItem.provided("見積もりの件"),
                CapturedItem.provided("+81312345678"), due);
        publish(Topics.DEADLINE_EVENTS, EventFixtures.overdue("acme-jp", event.callId(), due));

        List<ReceivedMail> mails = mail.awaitMessages(m -> m.textBody().contains(event.callId()), 2, WAIT);

        ReceivedMail alert = mails.stream().filter(m -> m.subject().startsWith("【期限超過】")).findFirst().orElseThrow();
        assertTrue(alert.subject().contains("山田 太郎 様"), alert.subject());
        assertTrue(alert.subject().contains("14:30"), alert.subject());
        assertTrue(alert.textBody().contains("03-1234-5678"), alert.textBody());
        assertTrue(alert.textBody().contains("お詫び"), "asks to apologise first");
    }

    @Test
    void reportShowsTheNumberAsTheTenantsCountryWritesItAndDialsE164() {
        CallReceived event = call("acme-jp", CapturedItem.provided("山田 太郎"), CapturedItem.provided("見積もりの件"),
                CapturedItem.provided("+81312345678"), null);

        ReceivedMail report = onlyMailAbout(event.callId());

        assertTrue(report.textBody().contains("折り返し先　：03-1234-5678"), report.textBody());
        assertTrue(report.htmlBody().contains("<a href=\"tel:+81312345678\">03-1234-5678</a>"), report.htmlBody());
        assertFalse(report.textBody().contains("+81312345678"), report.textBody());
    }

    /** Every caller- or operator-supplied text of a call, each a way into the subject or the HTML part. */
    enum Field {
        CALLER_NAME, PURPOSE, CALLBACK_NUMBER, ADDRESSEE, NOTES, ASSIGNEE, HEARING_LABEL, HEARING_ANSWER
    }

    /** Line breaks of every kind (CR, LF, NEL, U+2028, U+2029) to start headers, and markup to run in the HTML part. */
    private static final String ATTACK = "x\r\nBcc: evil@attacker.example\rX-Evil-1: 1\nX-Evil-2: 1\u0085X-Evil-3: 1"
            + "\u2028X-Evil-4: 1\u2029X-Evil-5: 1 \"><img src=x onerror=alert(1)><script>alert(2)</script>";

    @ParameterizedTest
    @EnumSource(Field.class)
    void injectionInAnyTextFieldCannotAddHeadersRecipientsOrMarkup(Field field) throws InterruptedException {
        String callId = EventFixtures.newCallId();
        CallDetails details = new CallDetails(Instant.now(), "op-1", "tokyo-1",
                field == Field.ADDRESSEE ? ATTACK : "佐藤",
                CapturedItem.provided(field == Field.CALLER_NAME ? ATTACK : "山田"),
                CapturedItem.provided(field == Field.PURPOSE ? ATTACK : "見積"),
                CapturedItem.provided(field == Field.CALLBACK_NUMBER ? ATTACK : "+81312345678"), Urgency.URGENT,
                field == Field.NOTES ? ATTACK : null,
                new CallbackPromise(Instant.now().plusSeconds(3600), field == Field.ASSIGNEE ? ATTACK : "佐藤"),
                CallDirection.INBOUND, null,
                List.of(new HearingAnswer(field == Field.HEARING_LABEL ? ATTACK : "ご希望の時間帯",
                        CapturedItem.provided(field == Field.HEARING_ANSWER ? ATTACK : "15時以降"))),
                null);
        publish(Topics.CALL_EVENTS, EventFixtures.callReceived("acme-jp", callId, details));
        publish(Topics.DEADLINE_EVENTS, EventFixtures.overdue("acme-jp", callId, Instant.now()));

        List<ReceivedMail> mails = mail.awaitMessages(m -> m.textBody().contains(callId), 2, WAIT);
        Thread.sleep(500);

        for (ReceivedMail received : mails) {
            assertEquals(List.of(JA_RECIPIENT), received.to());
            assertTrue(received.headers().keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Bcc")
                    || h.toLowerCase(java.util.Locale.ROOT).startsWith("x-evil")),
                    received.headers().keySet().toString());
            assertTrue(received.subject().chars().noneMatch(c -> c == '\r' || c == '\n' || c == 0x85
                    || c == 0x2028 || c == 0x2029), received.subject());
            assertFalse(received.htmlBody().contains("<img") || received.htmlBody().contains("<script"),
                    received.htmlBody());
            if (received.subject().contains("お電話のご報告")) {
                assertTrue(received.htmlBody().contains("&lt;img"), "the report shows every field, escaped: "
                        + received.htmlBody());
            }
        }
        assertTrue(mail.messages().stream().noneMatch(m -> m.to().contains("evil@attacker.example")));
    }
}
