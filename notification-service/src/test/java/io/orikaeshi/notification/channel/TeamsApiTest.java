package io.orikaeshi.notification.channel;

import static io.orikaeshi.notification.channel.Messages.DONE;
import static io.orikaeshi.notification.channel.Messages.VIEW;
import static io.orikaeshi.notification.channel.Messages.channel;
import static io.orikaeshi.notification.channel.Messages.count;
import static io.orikaeshi.notification.channel.Messages.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import io.orikaeshi.events.tenant.TenantProfile.ChannelType;
import io.orikaeshi.notification.channel.LocalReceiver.Received;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

class TeamsApiTest {

    private static final ChatMessage.Mention YAMADA = new ChatMessage.Mention("yamada@contoso.example", "山田 太郎");

    private final TeamsApi api = new TeamsApi();
    @RegisterExtension
    final LocalReceiver teams = new LocalReceiver();

    private Received post(ChatMessage message) {
        var channel = channel(ChannelType.TEAMS, null, null);
        String webhook = teams.url() + "/workflows/abc/triggers/manual/paths/invoke?sig=xyz";
        return teams.accepted(api, channel, webhook, message, 202, "");
    }

    @Test
    void postsOneAdaptiveCardMentioningThePersonToTheWebhook() {
        Received request = post(report(YAMADA));

        assertEquals("POST", request.method());
        assertEquals("/workflows/abc/triggers/manual/paths/invoke", request.path());
        assertEquals("application/json", request.header("Content-Type"));
        JsonNode envelope = request.json();
        assertEquals("message", envelope.path("type").asText());
        JsonNode attachment = envelope.path("attachments").get(0);
        assertEquals("application/vnd.microsoft.card.adaptive", attachment.path("contentType").asText());
        assertTrue(attachment.has("contentUrl") && attachment.path("contentUrl").isNull());
        JsonNode card = attachment.path("content");
        assertEquals("http://adaptivecards.io/schemas/adaptive-card.json", card.path("$schema").asText());
        assertEquals("AdaptiveCard", card.path("type").asText());
        assertEquals("1.4", card.path("version").asText());
        JsonNode body = card.path("body");
        assertEquals("<at>山田 太郎</at>", body.get(0).path("text").asText(), "the mention comes first");
        assertEquals("Bolder", body.get(1).path("weight").asText());
        assertEquals("FactSet", body.get(2).path("type").asText());
        JsonNode facts = body.get(2).path("facts");
        assertEquals(3, facts.size());
        assertEquals(List.of("電話番号", "090-1234-5678"),
                List.of(facts.get(1).path("title").asText(), facts.get(1).path("value").asText()));
        JsonNode actions = card.path("actions");
        assertEquals(List.of("Action.OpenUrl", "確認する", VIEW, "Action.OpenUrl", "対応済みにする", DONE),
                List.of(actions.get(0).path("type").asText(), actions.get(0).path("title").asText(),
                        actions.get(0).path("url").asText(), actions.get(1).path("type").asText(),
                        actions.get(1).path("title").asText(), actions.get(1).path("url").asText()));
        JsonNode mention = card.path("msteams").path("entities").get(0);
        assertEquals("mention", mention.path("type").asText());
        assertEquals("<at>山田 太郎</at>", mention.path("text").asText());
        assertEquals("yamada@contoso.example", mention.path("mentioned").path("id").asText());
        assertEquals("山田 太郎", mention.path("mentioned").path("name").asText());
    }

    @Test
    void whatACallerTypedMentionsNobodyAndLinksNowhere() {
        JsonNode card = post(report(new ChatMessage.Mention("yamada@contoso.example", "山田 <at>x</at>"))).json()
                .path("attachments").get(0).path("content");

        String text = card.path("body").toString();
        assertEquals(1, count(text, "<at>"), "only the contact's mention: " + text);
        assertEquals(1, card.path("msteams").path("entities").size());
        assertEquals("<at>山田 ＜at＞x＜/at＞</at>", card.path("body").get(0).path("text").asText());
        assertFalse(text.contains("[click](https://evil.example)"), text);
        assertTrue(text.contains("＜at＞x＜/at＞"), text);
        assertTrue(text.contains("［click］(https://evil.example)"), text);
    }

    @Test
    void withoutAMentionTheCardHasNoEntities() {
        JsonNode card = post(report("en", Optional.empty())).json().path("attachments").get(0).path("content");

        assertTrue(card.path("msteams").isMissingNode());
        assertEquals("Bolder", card.path("body").get(0).path("weight").asText());
    }

    @Test
    void aSecretThatIsNotAUrlIsRefusedBeforeAnyRequest() {
        assertTrue(api.refusal(channel(ChannelType.TEAMS, null, null), "not a url").isPresent());
        assertTrue(api.refusal(channel(ChannelType.TEAMS, null, null), "ftp://example.com/hook").isPresent());
    }
}
