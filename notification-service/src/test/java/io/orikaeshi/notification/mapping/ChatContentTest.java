package io.orikaeshi.notification.mapping;

import io.orikaeshi.events.CallDetails;
import io.orikaeshi.events.CallbackPromise;
import io.orikaeshi.events.CaptureStatus;
import io.orikaeshi.events.CapturedItem;
import io.orikaeshi.events.Urgency;
import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.events.tenant.TenantProfile.PersonalData;
import io.orikaeshi.kit.tenant.TenantSettings;
import io.orikaeshi.notification.channel.ChatMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a chat message shows at each personal-data level. */
class ChatContentTest {

    private static final ChatContent.ChatLinks LINKS = new ChatContent.ChatLinks(Optional.of("https://x/view"),
            Optional.of("https://x/ack"), Optional.of("https://x/done"));

    @Test
    void aNumberIsMaskedToItsFirstGroupAndLastFourDigits() {
        assertEquals("090-****-5678", ChatContent.masked("090-1234-5678"));
        assertEquals("03-****-5678", ChatContent.masked("03-1234-5678"));
        assertEquals("+1 ***-***-0100", ChatContent.masked("+1 212-555-0100"));
        assertEquals("*******5678", ChatContent.masked("09012345678"));
    }

    @Test
    void everyItemIsShownWithItsStatusAndNeverBlank() {
        ChatMessage all = message(PersonalData.ALL, CapturedItem.notObtained(CaptureStatus.DECLINED));

        assertTrue(all.fields().stream().noneMatch(f -> f.value() == null || f.value().isBlank()), all.toString());
        assertTrue(all.text().contains("お客様のご意向によりお教えいただけませんでした"), all.text());
        assertTrue(all.text().contains("山田 太郎 様"), all.text());
        assertEquals(List.of("内容を見る", "受付する", "対応済みにする"),
                all.actions().stream().map(ChatMessage.Action::label).toList());
    }

    @Test
    void aMaskedRoomSeesNoNameAndAMaskedNumber() {
        ChatMessage masked = message(PersonalData.MASKED, CapturedItem.provided("+819012345678"));

        assertFalse(masked.text().contains("山田"), masked.text());
        assertTrue(masked.text().contains("090-****-5678"), masked.text());
        assertTrue(masked.text().contains("見積もりの件"), masked.text());
    }

    @Test
    void aLinkOnlyRoomSeesThatACallCameAndTheViewLink() {
        ChatMessage only = message(PersonalData.LINK_ONLY, CapturedItem.provided("+819012345678"));

        assertEquals("営業部宛にお電話がありました", only.title());
        assertEquals(List.of(), only.fields());
        assertEquals(List.of(new ChatMessage.Action("内容を見る", "https://x/view")), only.actions());
        assertFalse(only.text().contains("山田") || only.text().contains("5678"), only.text());
    }

    private static ChatMessage message(PersonalData level, CapturedItem number) {
        TenantSettings tenant = new TenantSettings("acme-jp", 0, new TenantProfile("Acme", Optional.empty(), "ja",
                "Asia/Tokyo", "JP", Optional.empty(), new TenantProfile.Calendar("MON-FRI 09:00-18:00", "JP",
                        Optional.empty()),
                new TenantProfile.Promises(Duration.ofMinutes(15), Optional.empty(), "受付", Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty()),
                Optional.empty(), TenantProfile.Notifications.defaults()), List.of());
        CallDetails call = new CallDetails(Instant.parse("2026-12-07T01:00:00Z"), "op-1", "tokyo-1", "営業部",
                CapturedItem.provided("山田 太郎"), CapturedItem.provided("見積もりの件"), number, Urgency.NORMAL,
                null, new CallbackPromise(Instant.parse("2026-12-07T03:00:00Z"), "佐藤"));
        MailModel model = MailModel.of(tenant, "call-1", call, Wording.JA);
        return ChatContent.of("REPORT", model, Wording.JA, level, "title", List.of(), LINKS, Optional.empty(), "{}");
    }
}
