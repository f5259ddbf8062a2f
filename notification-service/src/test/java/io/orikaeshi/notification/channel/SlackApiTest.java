package io.orikaeshi.notification.channel;

import static io.orikaeshi.notification.channel.Messages.DONE;
import static io.orikaeshi.notification.channel.Messages.NOW;
import static io.orikaeshi.notification.channel.Messages.VIEW;
import static io.orikaeshi.notification.channel.Messages.channel;
import static io.orikaeshi.notification.channel.Messages.count;
import static io.orikaeshi.notification.channel.Messages.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import io.orikaeshi.events.tenant.TenantProfile.ChannelType;
import io.orikaeshi.notification.channel.LocalReceiver.Received;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SlackApiTest {

    private static final String TOKEN = "xoxb-1234-5678-abcdef";
    private static final ChatMessage.Mention YAMADA = new ChatMessage.Mention("U0123ABC", "山田 <!here>");

    private final SlackApi api = new SlackApi();
    @RegisterExtension
    final LocalReceiver slack = new LocalReceiver();

    private Received postToRoom(ChatMessage message) {
        var channel = channel(ChannelType.SLACK, slack.url(), "C0123ROOM");
        return slack.accepted(api, channel, TOKEN, message, 200, "{\"ok\":true,\"channel\":\"C0123ROOM\"}");
    }

    @Test
    void withARoomTheBotPostsChatPostMessageWithItsTokenAndBlocks() {
        Received request = postToRoom(report(YAMADA));

        assertEquals("POST", request.method());
        assertEquals("/chat.postMessage", request.path());
        assertEquals("Bearer " + TOKEN, request.header("Authorization"));
        assertEquals("application/json; charset=utf-8", request.header("Content-Type"));
        JsonNode body = request.json();
        assertEquals("C0123ROOM", body.path("channel").asText());
        assertFalse(body.path("unfurl_links").asBoolean(true));
        assertFalse(body.path("unfurl_media").asBoolean(true));
        assertTrue(body.path("text").asText().startsWith("<@U0123ABC> 折り返しのお願い"), body.path("text").asText());
        JsonNode blocks = body.path("blocks");
        assertEquals("<@U0123ABC>", blocks.get(0).path("text").path("text").asText(), "the mention comes first");
        assertEquals("header", blocks.get(1).path("type").asText());
        assertEquals(report(YAMADA).title(), blocks.get(1).path("text").path("text").asText());
        JsonNode fields = blocks.get(2).path("fields");
        assertEquals(3, fields.size());
        assertEquals("*電話番号*\n090-1234-5678", fields.get(1).path("text").asText());
        assertEquals("*ご用件*\n見積もり &amp; 納期 &lt;急ぎ&gt;", fields.get(2).path("text").asText());
        JsonNode buttons = blocks.get(3).path("elements");
        assertEquals("actions", blocks.get(3).path("type").asText());
        assertEquals(List.of("確認する", VIEW, "対応済みにする", DONE),
                List.of(buttons.get(0).path("text").path("text").asText(), buttons.get(0).path("url").asText(),
                        buttons.get(1).path("text").path("text").asText(), buttons.get(1).path("url").asText()));
    }

    @Test
    void whatACallerTypedMentionsNobody() {
        JsonNode body = postToRoom(report(YAMADA)).json();

        String all = parsed(body);
        assertEquals(2, count(all, "<@"), "only the contact's mention, in the text and its block: " + all);
        assertEquals(2, count(all, "<@U0123ABC>"));
        assertFalse(all.contains("<!"), all);
        assertTrue(all.contains("&lt;@U999&gt; &lt;!channel&gt;"), all);
        JsonNode header = body.path("blocks").get(1).path("text");
        assertEquals("plain_text", header.path("type").asText(), "never parsed, so the title is not escaped");
    }

    /** The text Slack parses for mentions and links: the message's text and every mrkdwn text object. */
    private static String parsed(JsonNode body) {
        List<String> mrkdwn = new ArrayList<>(List.of(body.path("text").asText()));
        body.findParents("type").stream().filter(node -> node.path("type").asText().equals("mrkdwn"))
                .forEach(node -> mrkdwn.add(node.path("text").asText()));
        return String.join("\n", mrkdwn);
    }

    @Test
    void aMentionWithoutASlackUserIdIsShownByName() {
        JsonNode body = postToRoom(report(new ChatMessage.Mention("yamada@example.com", "山田 <!here>"))).json();

        assertFalse(parsed(body).contains("<@"), parsed(body));
        assertEquals("山田 &lt;!here&gt;", body.path("blocks").get(0).path("text").path("text").asText());
    }

    @Test
    void withoutARoomTheSecretIsAnIncomingWebhookPostedTextAndBlocks() {
        var channel = channel(ChannelType.SLACK, null, null);
        String webhook = slack.url() + "/services/T000/B000/XXXX";
        assertEquals(Optional.empty(), api.refusal(channel, webhook));
        slack.answering(200, Map.of("Content-Type", "text/html"), "ok");

        Verdict verdict = slack.deliver(api, api.request(channel, webhook, report(YAMADA), "m-1", NOW));

        assertInstanceOf(Verdict.Delivered.class, verdict);
        Received request = slack.only();
        assertEquals("POST", request.method());
        assertEquals("/services/T000/B000/XXXX", request.path());
        assertEquals(null, request.header("Authorization"));
        assertEquals("application/json", request.header("Content-Type"));
        JsonNode body = request.json();
        assertTrue(body.path("text").asText().startsWith("<@U0123ABC> "));
        assertEquals(4, body.path("blocks").size());
        assertTrue(body.path("channel").isMissingNode());
    }

    @Test
    void incomingWebhookErrorsAreHttpStatusesWithATextBody() {
        var channel = channel(ChannelType.SLACK, null, null);
        String webhook = slack.url() + "/services/T000/B000/GONE";

        slack.answering(404, Map.of(), "no_service");
        Verdict gone = slack.deliver(api, api.request(channel, webhook, report(YAMADA), "m-1", NOW));
        slack.answering(403, Map.of(), "action_prohibited");
        Verdict prohibited = slack.deliver(api, api.request(channel, webhook, report(YAMADA), "m-1", NOW));

        assertEquals(new Verdict.Refused("HTTP 404: no_service"), gone);
        assertEquals(new Verdict.Refused("HTTP 403: action_prohibited"), prohibited);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"})
    void passingErrorsInAnOkFalseAreRetried(String error) {
        var channel = channel(ChannelType.SLACK, slack.url(), "C0123ROOM");
        slack.answering(200, Map.of("Retry-After", "30"), "{\"ok\":false,\"error\":\"" + error + "\"}");

        Verdict verdict = slack.deliver(api, api.request(channel, TOKEN, report(YAMADA), "m-1", NOW));

        assertEquals(new Verdict.Retry(Optional.of(Duration.ofSeconds(30)), "Slack: " + error), verdict);
    }

    @ParameterizedTest
    @ValueSource(strings = {"channel_not_found", "invalid_auth", "not_in_channel", "account_inactive", "token_revoked",
            "is_archived", "msg_too_long"})
    void otherErrorsInAnOkFalseAreRefused(String error) {
        var channel = channel(ChannelType.SLACK, slack.url(), "C0123ROOM");
        slack.answering(200, Map.of(), "{\"ok\":false,\"error\":\"" + error + "\"}");

        Verdict verdict = slack.deliver(api, api.request(channel, TOKEN, report(YAMADA), "m-1", NOW));

        assertEquals(new Verdict.Refused("Slack: " + error), verdict);
    }

    @Test
    void aChannelThatCannotWorkIsRefusedBeforeAnyRequest() {
        String webhook = "https://hooks.slack.com/services/T000/B000/XXXX";
        assertTrue(api.refusal(channel(ChannelType.SLACK, null, "C0123ROOM"), webhook).isPresent(),
                "a room needs a bot token");
        assertTrue(api.refusal(channel(ChannelType.SLACK, null, null), TOKEN).isPresent(),
                "without a room the secret is a URL");
        assertTrue(api.refusal(channel(ChannelType.SLACK, null, null), "").isPresent());
        assertEquals(Optional.empty(), api.refusal(channel(ChannelType.SLACK, null, null), webhook));
    }
}
