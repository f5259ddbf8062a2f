package io.orikaeshi.notification.channel;

import static io.orikaeshi.notification.channel.ChatFormat.blank;
import static io.orikaeshi.notification.channel.ChatFormat.object;
import static io.orikaeshi.notification.channel.ChatFormat.shown;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orikaeshi.events.tenant.TenantProfile;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Microsoft Teams: the secret is an incoming-webhook or Workflows ("Post to a channel when a webhook request is
 * received") URL, posted a message carrying one Adaptive Card; the person is mentioned by UPN or Entra object id.
 *
 * <ul>
 * <li>https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook
 * (the message envelope with an {@code application/vnd.microsoft.card.adaptive} attachment)</li>
 * <li>https://learn.microsoft.com/en-us/microsoftteams/platform/task-modules-and-cards/cards/cards-format#user-mention-in-incoming-webhook-with-adaptive-cards
 * ({@code <at>…</at>} in a TextBlock and its {@code msteams.entities} mention; Markdown, no HTML, in TextBlock and
 * Fact)</li>
 * <li>https://adaptivecards.io/explorer/ (TextBlock, FactSet, Action.OpenUrl; schema 1.4)</li>
 * </ul>
 * Errors are plain HTTP statuses, so the default verdict applies; there is no idempotency key to send.
 */
@ApplicationScoped
public class TeamsApi implements ChatApi {

    @Override
    public TenantProfile.ChannelType type() {
        return TenantProfile.ChannelType.TEAMS;
    }

    @Override
    public Optional<Verdict.Refused> refusal(TenantProfile.Channel channel, String secret) {
        return ChatFormat.refusedUnless(ChatFormat.webUrl(secret).isPresent(),
                "Teams needs the incoming-webhook or Workflows URL as secret");
    }

    @Override
    public HttpCall request(TenantProfile.Channel channel, String secret, ChatMessage message, String messageId,
            Instant now) {
        ObjectNode card = object().put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                .put("type", "AdaptiveCard").put("version", "1.4");
        ArrayNode body = card.putArray("body");
        message.mention().ifPresent(m -> {
            String name = escape(shown(m.name()));
            if (blank(m.id())) {
                text(body, name);
                return;
            }
            // Teams replaces the entity's exact text in the card with the mention: the tag carries the name.
            String tag = "<at>" + name + "</at>";
            text(body, tag);
            card.putObject("msteams").putArray("entities").addObject().put("type", "mention").put("text", tag)
                    .putObject("mentioned").put("id", m.id().strip()).put("name", shown(m.name()));
        });
        text(body, escape(shown(message.title()))).put("size", "Medium").put("weight", "Bolder");
        ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
        message.fields().forEach(f -> facts.addObject().put("title", escape(shown(f.label())))
                .put("value", escape(shown(f.value()))));
        ArrayNode actions = card.putArray("actions");
        message.actions().forEach(a -> actions.addObject().put("type", "Action.OpenUrl")
                .put("title", escape(shown(a.label()))).put("url", a.url()));
        ObjectNode envelope = object().put("type", "message");
        envelope.putArray("attachments").addObject().put("contentType", "application/vnd.microsoft.card.adaptive")
                .putNull("contentUrl").set("content", card);
        return new HttpCall("POST", ChatFormat.webUrl(secret).orElseThrow(() -> new IllegalStateException("refused")),
                Map.of("Content-Type", "application/json"), ChatFormat.json(envelope));
    }

    private static ObjectNode text(ArrayNode body, String text) {
        return body.addObject().put("type", "TextBlock").put("text", text).put("wrap", true);
    }

    /**
     * Card text is Markdown in which {@code <at>} names a mention and {@code [..](..)} a link: a caller's angle and
     * square brackets become full-width, so they can be neither.
     */
    static String escape(String text) {
        return ChatFormat.fullWidth(text, "<>[]");
    }
}
