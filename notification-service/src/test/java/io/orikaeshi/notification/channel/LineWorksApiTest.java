package io.orikaeshi.notification.channel;

import static io.orikaeshi.notification.channel.Messages.DONE;
import static io.orikaeshi.notification.channel.Messages.VIEW;
import static io.orikaeshi.notification.channel.Messages.channel;
import static io.orikaeshi.notification.channel.Messages.count;
import static io.orikaeshi.notification.channel.Messages.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import io.orikaeshi.events.tenant.TenantProfile.ChannelType;
import io.orikaeshi.notification.channel.LocalReceiver.Received;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class LineWorksApiTest {

    private static final String TOKEN = "kr1AAABBBccc";
    private static final ChatMessage.Mention YAMADA = new ChatMessage.Mention("yamada@works.example", "山田 太郎");

    private final LineWorksApi api = new LineWorksApi();
    @RegisterExtension
    final LocalReceiver works = new LocalReceiver();

    private Received post(String room, ChatMessage message) {
        var channel = channel(ChannelType.LINE_WORKS, works.url(), room);
        return works.accepted(api, channel, TOKEN, message, 201, "");
    }

    @Test
    void theBotPostsAButtonTemplateToTheChannelMentioningThePerson() {
        Received request = post("2000001/channels/12345a12-b12c-12d3-e123fghijkl", report(YAMADA));

        assertEquals("POST", request.method());
        assertEquals("/bots/2000001/channels/12345a12-b12c-12d3-e123fghijkl/messages", request.path());
        assertEquals("Bearer " + TOKEN, request.header("Authorization"));
        assertEquals("application/json", request.header("Content-Type"));
        JsonNode content = request.json().path("content");
        assertEquals("button_template", content.path("type").asText());
        String text = content.path("contentText").asText();
        assertTrue(text.startsWith("<m userId=\"yamada@works.example\">\n折り返しのお願い："), text);
        assertTrue(text.endsWith("\n電話番号: 090-1234-5678\nご用件: 見積もり & 納期 ＜急ぎ＞"), text);
        JsonNode actions = content.path("actions");
        assertEquals(List.of("uri", "確認する", VIEW, "uri", "対応済みにする", DONE),
                List.of(actions.get(0).path("type").asText(), actions.get(0).path("label").asText(),
                        actions.get(0).path("uri").asText(), actions.get(1).path("type").asText(),
                        actions.get(1).path("label").asText(), actions.get(1).path("uri").asText()));
    }

    @Test
    void aUserRoomPostsToThatUser() {
        Received request = post("2000001/users/userf7da-f82c-4284-13e7-030f3b4c756x", report(YAMADA));

        assertEquals("/bots/2000001/users/userf7da-f82c-4284-13e7-030f3b4c756x/messages", request.path());
    }

    @Test
    void aTextTooLongForAButtonTemplateIsATextWithTheLinksAsUrls() {
        ChatMessage report = report(YAMADA);
        List<ChatMessage.Field> fields = new ArrayList<>(report.fields());
        fields.add(new ChatMessage.Field("メモ", "長".repeat(1200)));
        ChatMessage longReport = new ChatMessage(report.kind(), report.callId(), report.locale(), report.title(),
                fields,
                report.mention(), report.actions(), report.text(), report.eventJson());

        JsonNode content = post("2000001/channels/abc", longReport).json().path("content");

        assertEquals("text", content.path("type").asText());
        String text = content.path("text").asText();
        assertTrue(text.startsWith("<m userId=\"yamada@works.example\">\n"), text);
        assertTrue(text.contains("メモ: " + "長".repeat(1200)));
        assertTrue(text.endsWith("\n\n確認する: " + VIEW + "\n対応済みにする: " + DONE), text);
    }

    @Test
    void whatACallerTypedMentionsNobody() {
        String text = post("2000001/channels/abc", report(new ChatMessage.Mention("yamada@works.example",
                "<m userId=\"all\">"))).json().path("content").path("contentText").asText();

        assertEquals(1, count(text, "<m "), text);
        assertTrue(text.contains("＜m userId=\"all\"＞"), text);
    }

    @Test
    void aMentionWithoutAUsableIdIsOnlyAName() {
        String text = post("2000001/channels/abc", report(new ChatMessage.Mention("\"><m userId=\"all", "山田 太郎")))
                .json().path("content").path("contentText").asText();

        assertEquals(0, count(text, "<m "), text);
        assertTrue(text.startsWith("山田 太郎\n"), text);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "2000001", "2000001/channels", "bot/channels/abc", "2000001/groups/abc",
            "2000001/channels/..", "2000001/channels/../../admin", "2000001/channels/a b", "2000001/channels/abc/extra",
            "2000001/users/a?b=c"})
    void aMalformedRoomIsRefusedWithAReasonBeforeAnyRequest(String room) {
        Optional<Verdict.Refused> refusal = api.refusal(channel(ChannelType.LINE_WORKS, works.url(), room), TOKEN);

        assertEquals(Optional.of(new Verdict.Refused(
                "LINE WORKS room must be <botId>/channels/<channelId> or <botId>/users/<userId>")), refusal);
    }

    @Test
    void aMissingTokenIsRefused() {
        assertTrue(api.refusal(channel(ChannelType.LINE_WORKS, null, "2000001/channels/abc"), "").isPresent());
    }
}
