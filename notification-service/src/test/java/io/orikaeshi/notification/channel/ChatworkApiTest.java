package io.orikaeshi.notification.channel;

import static io.orikaeshi.notification.channel.Messages.DONE;
import static io.orikaeshi.notification.channel.Messages.NOW;
import static io.orikaeshi.notification.channel.Messages.VIEW;
import static io.orikaeshi.notification.channel.Messages.channel;
import static io.orikaeshi.notification.channel.Messages.count;
import static io.orikaeshi.notification.channel.Messages.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orikaeshi.events.tenant.TenantProfile.ChannelType;
import io.orikaeshi.notification.channel.LocalReceiver.Received;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

class ChatworkApiTest {

    private static final String TOKEN = "0123456789abcdef";
    private static final ChatMessage.Mention YAMADA = new ChatMessage.Mention("678", "山田 太郎");

    private final ChatworkApi api = new ChatworkApi();
    @RegisterExtension
    final LocalReceiver chatwork = new LocalReceiver();

    private Received post(ChatMessage message) {
        var channel = channel(ChannelType.CHATWORK, chatwork.url(), "12345");
        return chatwork.accepted(api, channel, TOKEN, message, 200, "{\"message_id\":\"1234\"}");
    }

    @Test
    void postsTheRoomsMessagesFormWithTheTokenHeader() {
        Received request = post(report(YAMADA));

        assertEquals("POST", request.method());
        assertEquals("/rooms/12345/messages", request.path());
        assertEquals(TOKEN, request.header("X-ChatWorkToken"));
        assertEquals("application/x-www-form-urlencoded", request.header("Content-Type"));
        Map<String, String> form = request.form();
        assertEquals("0", form.get("self_unread"));
        String body = form.get("body");
        assertTrue(body.startsWith("[To:678]山田 太郎さん\n[info][title]折り返しのお願い："), body);
        assertTrue(body.contains("[/title]お名前: "), body);
        assertTrue(body.contains("\n電話番号: 090-1234-5678\nご用件: 見積もり & 納期 <急ぎ>[hr]"), body);
        assertTrue(body.endsWith("[hr]確認する: " + VIEW + "\n対応済みにする: " + DONE + "[/info]"), body);
    }

    @Test
    void inEnglishTheNameFollowsTheToTag() {
        String body = post(report("en", Optional.of(new ChatMessage.Mention("678", "Taro Yamada")))).form().get("body");

        assertTrue(body.startsWith("[To:678] Taro Yamada\n[info]"), body);
    }

    @Test
    void whatACallerTypedIsNoTag() {
        String body = post(report(new ChatMessage.Mention("678", "山田 [To:1][info]"))).form().get("body");

        assertEquals(1, count(body, "[To:"), body);
        assertEquals(1, count(body, "[info]"), body);
        assertEquals(1, count(body, "[/info]"), body);
        assertTrue(body.startsWith("[To:678]山田 ［To:1］［info］さん\n"), body);
        assertTrue(body.contains("［To:1］ ［info］x［/info］"), body);
    }

    @Test
    void aMentionWithoutAnAccountIdIsOnlyAName() {
        String body = post(report(new ChatMessage.Mention("yamada@example.com", "山田 太郎"))).form().get("body");

        assertTrue(body.startsWith("山田 太郎さん\n[info]"), body);
    }

    @Test
    void aTooManyRequestsWaitsForTheRateLimitReset() {
        var channel = channel(ChannelType.CHATWORK, chatwork.url(), "12345");
        long reset = Instant.now().plusSeconds(120).getEpochSecond();
        chatwork.answering(429, Map.of("x-ratelimit-reset", String.valueOf(reset)), "");

        Verdict verdict = chatwork.deliver(api, api.request(channel, TOKEN, report(YAMADA), "m", NOW));

        Duration after = assertInstanceOf(Verdict.Retry.class, verdict).after().orElseThrow();
        assertTrue(after.compareTo(Duration.ofSeconds(100)) > 0 && after.compareTo(Duration.ofSeconds(121)) < 0,
                after.toString());
    }

    @Test
    void aRoomThatIsNotANumberIsRefusedBeforeAnyRequest() {
        assertTrue(api.refusal(channel(ChannelType.CHATWORK, null, "rid12345"), TOKEN).isPresent());
        assertTrue(api.refusal(channel(ChannelType.CHATWORK, null, "123/../1"), TOKEN).isPresent());
        assertTrue(api.refusal(channel(ChannelType.CHATWORK, null, null), TOKEN).isPresent());
        assertTrue(api.refusal(channel(ChannelType.CHATWORK, null, "12345"), " ").isPresent());
    }
}
