package io.orikaeshi.notification;

import io.orikaeshi.events.CallDetails;
import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CaptureStatus;
import io.orikaeshi.events.CapturedItem;
import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.EventFixtures;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.events.Topics;
import io.orikaeshi.infra.MailCatcher;
import io.orikaeshi.infra.ReceivedMail;
import io.orikaeshi.infra.testing.InfraTestResource;
import io.orikaeshi.infra.testing.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ReportEmailTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String JA_RECIPIENT = "uketsuke@acme.example";
    private static final String EN_RECIPIENT = "frontdesk@globex.example";
    private static KafkaTestClient kafka;
    private static MailCatcher mail;

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient(InfraTestResource.infra().kafkaBootstrapServers());
        mail = InfraTestResource.infra().mail();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static void publish(String topic, OrikaeshiEvent event) {
        kafka.send(topic, event.key(), EventCodec.toJson(event));
    }

    private static ReceivedMail onlyMailAbout(String callId) {
        return mail.awaitMessages(m -> m.textBody().contains(callId), 1, WAIT).get(0);
    }

    private static List<ReceivedMail> mailsAbout(String callId) {
        return mail.messages().stream().filter(m -> m.textBody().contains(callId)).toList();
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
        assertTrue(report.textBody().contains("Purpose:          Not obtained: the caller hung up before it could be asked"),
                report.textBody());
        assertTrue(report.textBody().contains("Caller's name:    Asked, but the caller preferred not to give it"));
        assertTrue(report.htmlBody().contains("<a href=\"tel:+12125550123\">"), report.htmlBody());
    }

    @ParameterizedTest
    @EnumSource(CaptureStatus.class)
    void everyCaptureStatusIsWordedInBothLanguagesWithoutBlanks(CaptureStatus status) {
        CapturedItem item = status == CaptureStatus.PROVIDED ? CapturedItem.provided("+81312345678")
                : CapturedItem.notObtained(status);
        for (String tenant : List.of("acme-jp", "globex-us")) {
            CallReceived event = call(tenant, item, item, item, Instant.now().plusSeconds(3600));

            ReceivedMail report = onlyMailAbout(event.callId());

            assertFalse(report.textBody().contains("null"), report.textBody());
            assertFalse(report.textBody().matches("(?s).*[：:] *\\R.*"), "a field was left blank:\n" + report.textBody());
            assertFalse(report.subject().isBlank());
            assertNotNull(report.htmlBody());
        }
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
        assertTrue(alert.textBody().contains("+81312345678"));
        assertTrue(alert.textBody().contains("お詫び"), "asks to apologise first");
    }

    @Test
    void lineBreaksInCallerDataCannotAddHeadersOrRecipients() throws InterruptedException {
        CallReceived event = call("acme-jp", CapturedItem.provided("山田\r\nBcc: evil@attacker.example\u2028X-Evil: 1"),
                CapturedItem.provided("見積\nTo: evil@attacker.example"), CapturedItem.provided("+81312345678"), null);

        ReceivedMail report = onlyMailAbout(event.callId());
        Thread.sleep(500);

        assertEquals(List.of(JA_RECIPIENT), report.to());
        assertFalse(report.subject().contains("\n") || report.subject().contains("\r") || report.subject().contains("\u2028"));
        assertTrue(report.headers().keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Bcc") || h.equalsIgnoreCase("X-Evil")),
                report.headers().keySet().toString());
        assertTrue(mail.messages().stream().noneMatch(m -> m.to().contains("evil@attacker.example")));
    }

    @Test
    void markupInCallerDataIsEscapedInTheHtmlPart() {
        CallReceived event = call("globex-us", CapturedItem.provided("<b>Bob</b>"),
                CapturedItem.provided("<script>alert('x')</script>"), CapturedItem.provided("+12125550123"), null);

        ReceivedMail report = onlyMailAbout(event.callId());

        assertFalse(report.htmlBody().contains("<script>"), report.htmlBody());
        assertFalse(report.htmlBody().contains("<b>Bob</b>"));
        assertTrue(report.htmlBody().contains("&lt;script&gt;"));
    }
}
