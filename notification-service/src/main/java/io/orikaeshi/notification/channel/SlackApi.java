package io.orikaeshi.notification.channel;

import static io.orikaeshi.notification.channel.ChatFormat.blank;
import static io.orikaeshi.notification.channel.ChatFormat.cut;
import static io.orikaeshi.notification.channel.ChatFormat.object;
import static io.orikaeshi.notification.channel.ChatFormat.shown;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orikaeshi.events.tenant.TenantProfile;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Slack. With a room, the bot's {@code chat.postMessage} (the secret is its {@code xoxb-} token, the room a channel
 * id); without, the secret is an incoming-webhook URL.
 *
 * <ul>
 * <li>https://docs.slack.dev/reference/methods/chat.postMessage (JSON body, Bearer token, {@code ok}/{@code error}
 * in a 200, the error list)</li>
 * <li>https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks and
 * https://api.slack.com/changelog/2016-05-17-changes-to-errors-for-incoming-webhooks (webhook errors are HTTP
 * statuses with a text body: 400 invalid_payload, 403 action_prohibited, 404 channel_not_found / no_service, 410
 * channel_is_archived)</li>
 * <li>https://docs.slack.dev/messaging/formatting-message-text (escape {@code &}, {@code <}, {@code >}; {@code <@U…>}
 * mentions)</li>
 * <li>https://docs.slack.dev/reference/block-kit/composition-objects/text-object (only mrkdwn text is parsed for
 * markup; plain_text is shown as it is)</li>
 * <li>https://docs.slack.dev/reference/block-kit/blocks (header ≤ 150 characters, ≤ 10 section fields of ≤ 2000,
 * ≤ 25 actions elements, button text ≤ 75)</li>
 * <li>https://docs.slack.dev/apis/web-api/rate-limits (429 with Retry-After)</li>
 * </ul>
 * Neither way takes an idempotency key, so the message id is not sent.
 */
@ApplicationScoped
public class SlackApi implements ChatApi {

    static final String API = "https://slack.com/api";
    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,}");
    /** The errors chat.postMessage documents as passing: the same message can succeed later. */
    private static final Set<String> TRANSIENT = Set.of("ratelimited", "rate_limited", "internal_error",
            "fatal_error", "service_unavailable", "request_timeout", "team_added_to_org");

    @Override
    public TenantProfile.ChannelType type() {
        return TenantProfile.ChannelType.SLACK;
    }

    @Override
    public Optional<Verdict.Refused> refusal(TenantProfile.Channel channel, String secret) {
        if (channel.room().isPresent()) {
            return ChatFormat.refusedUnless(!blank(secret) && secret.strip().startsWith("xox")
                    && channel.room().get().strip().matches("[^\\s]+"),
                    "Slack chat.postMessage needs a bot token (xoxb-…) and a channel id as room");
        }
        return ChatFormat.refusedUnless(ChatFormat.webUrl(secret).isPresent(),
                "Slack without a room needs an incoming-webhook URL as secret");
    }

    @Override
    public HttpCall request(TenantProfile.Channel channel, String secret, ChatMessage message, String messageId,
            Instant now) {
        ObjectNode body = object();
        channel.room().ifPresent(room -> body.put("channel", room.strip()));
        body.put("text", mentionTag(message).map(tag -> tag + " ").orElse("") + escape(shown(message.text())));
        body.set("blocks", blocks(message));
        if (channel.room().isEmpty()) {
            URI webhook = ChatFormat.webUrl(secret).orElseThrow(() -> new IllegalStateException("refused channel"));
            return new HttpCall("POST", webhook, Map.of("Content-Type", "application/json"), ChatFormat.json(body));
        }
        // Slack would otherwise unfold each signed link into a preview card and fetch it, recording a view.
        body.put("unfurl_links", false);
        body.put("unfurl_media", false);
        return new HttpCall("POST", ChatFormat.endpoint(channel.url(), API, "/chat.postMessage"),
                Map.of("Authorization", "Bearer " + secret.strip(), "Content-Type", "application/json; charset=utf-8"),
                ChatFormat.json(body));
    }

    /** chat.postMessage answers 200 {@code {"ok":false,"error":…}} for its errors; a webhook answers "ok" in text. */
    @Override
    public Verdict verdict(int status, Map<String, String> headers, String body) {
        Optional<JsonNode> answer = ChatFormat.parse(body).filter(a -> a.has("ok"));
        if (status != 200 || answer.isEmpty() || answer.get().path("ok").asBoolean()) {
            return Verdicts.http(status, headers, body);
        }
        String error = answer.get().path("error").asText("unknown_error");
        return TRANSIENT.contains(error)
                ? new Verdict.Retry(Verdicts.retryAfter(headers), "Slack: " + error)
                : new Verdict.Refused("Slack: " + error);
    }

    private static ArrayNode blocks(ChatMessage message) {
        ArrayNode blocks = object().arrayNode();
        message.mention().ifPresent(m -> blocks.add(section(mentionTag(message).orElse(escape(shown(m.name()))))));
        ObjectNode header = blocks.addObject().put("type", "header");
        // plain_text is never parsed for mentions or entities: the title goes in as it is.
        header.putObject("text").put("type", "plain_text").put("text", cut(shown(message.title()), 150));
        List<ChatMessage.Field> fields = message.fields();
        for (int from = 0; from < fields.size(); from += 10) {
            ArrayNode texts = blocks.addObject().put("type", "section").putArray("fields");
            fields.subList(from, Math.min(from + 10, fields.size()))
                    .forEach(f -> texts.addObject().put("type", "mrkdwn").put("text",
                            cut("*" + escape(shown(f.label())) + "*\n" + escape(shown(f.value())), 2000)));
        }
        if (!message.actions().isEmpty()) {
            ArrayNode buttons = blocks.addObject().put("type", "actions").putArray("elements");
            List<ChatMessage.Action> actions = message.actions();
            for (int i = 0; i < Math.min(actions.size(), 25); i++) {
                ObjectNode button = buttons.addObject().put("type", "button").put("action_id", "link-" + i)
                        .put("url", actions.get(i).url());
                button.putObject("text").put("type", "plain_text").put("text", cut(shown(actions.get(i).label()), 75));
            }
        }
        return blocks;
    }

    private static ObjectNode section(String mrkdwn) {
        ObjectNode section = object().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", mrkdwn);
        return section;
    }

    /** {@code <@U…>} only for a real user id: anything else in the tenant's settings is shown, not obeyed. */
    private static Optional<String> mentionTag(ChatMessage message) {
        return message.mention().map(ChatMessage.Mention::id).filter(id -> id != null && USER_ID.matcher(id).matches())
                .map(id -> "<@" + id + ">");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
