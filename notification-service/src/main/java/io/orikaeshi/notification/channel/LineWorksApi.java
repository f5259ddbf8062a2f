package io.orikaeshi.notification.channel;

import static io.orikaeshi.notification.channel.ChatFormat.blank;
import static io.orikaeshi.notification.channel.ChatFormat.cut;
import static io.orikaeshi.notification.channel.ChatFormat.object;
import static io.orikaeshi.notification.channel.ChatFormat.shown;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orikaeshi.events.tenant.TenantProfile;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LINE WORKS Bot API 2.0: the bot posts to a message room or to one user, with the access token as Bearer; the room
 * is {@code <botId>/channels/<channelId>} or {@code <botId>/users/<userId>}. With links and a text that fits, a button
 * template (one uri button per link); otherwise a text message with the links as URLs.
 *
 * <ul>
 * <li>https://developers.worksmobile.com/en/docs/bot-channel-message-send and
 * https://developers.worksmobile.com/en/docs/bot-user-message-send
 * ({@code POST https://www.worksapis.com/v1.0/bots/{botId}/channels/{channelId}/messages}, …/users/{userId}/…)</li>
 * <li>https://developers.worksmobile.com/en/docs/bot-send-text and
 * https://developers.worksmobile.com/en/docs/bot-send-button (button_template: contentText ≤ 1000 characters, ≤ 10
 * buttons)</li>
 * <li>https://developers.worksmobile.com/jp/docs/bot-actionobject (uri action; label ≤ 20 characters)</li>
 * <li>https://developers.worksmobile.com/en/docs/bot-mention ({@code <m userId="…">}, user id or email; in text and
 * in a button template's contentText)</li>
 * </ul>
 * The API takes no idempotency key, so the message id is not sent. A channel whose secret is a service account gets
 * here with the access token obtained for it ({@link LineWorksAuth}), laid out the same.
 */
@ApplicationScoped
public class LineWorksApi implements ChatApi {

    static final String API = "https://www.worksapis.com/v1.0";
    private static final Pattern ROOM = Pattern.compile("(\\d+)/(channels|users)/([A-Za-z0-9_@+-][A-Za-z0-9._@+-]*)");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._@+-]+");
    private static final int CONTENT_TEXT = 1000;
    private static final int BUTTONS = 10;

    @Override
    public TenantProfile.ChannelType type() {
        return TenantProfile.ChannelType.LINE_WORKS;
    }

    @Override
    public Optional<Verdict.Refused> refusal(TenantProfile.Channel channel, String secret) {
        if (room(channel).isEmpty()) {
            return Optional.of(new Verdict.Refused(
                    "LINE WORKS room must be <botId>/channels/<channelId> or <botId>/users/<userId>"));
        }
        return ChatFormat.refusedUnless(!blank(secret),
                "LINE WORKS needs the bot's access token or a service account as secret");
    }

    @Override
    public HttpCall request(TenantProfile.Channel channel, String secret, ChatMessage message, String messageId,
            Instant now) {
        Matcher room = room(channel).orElseThrow(() -> new IllegalStateException("refused channel"));
        String path = "/bots/" + room.group(1) + "/" + room.group(2) + "/" + room.group(3) + "/messages";
        ObjectNode body = object();
        body.set("content", content(message));
        return new HttpCall("POST", ChatFormat.endpoint(channel.url(), API, path),
                Map.of("Authorization", "Bearer " + secret.strip(), "Content-Type", "application/json"),
                ChatFormat.json(body));
    }

    private static ObjectNode content(ChatMessage message) {
        StringBuilder text = new StringBuilder();
        message.mention().ifPresent(m -> text.append(m.id() != null && USER.matcher(m.id().strip()).matches()
                ? "<m userId=\"" + m.id().strip() + "\">"
                : escape(shown(m.name()))).append('\n'));
        text.append(escape(shown(message.title())));
        if (!message.fields().isEmpty()) {
            text.append('\n').append(ChatFormat.fieldLines(message.fields(), LineWorksApi::escape));
        }
        boolean buttons = !message.actions().isEmpty() && message.actions().size() <= BUTTONS
                && text.length() <= CONTENT_TEXT;
        if (!buttons) {
            if (!message.actions().isEmpty()) {
                text.append("\n\n").append(ChatFormat.linkLines(message.actions(), LineWorksApi::escape));
            }
            return object().put("type", "text").put("text", text.toString());
        }
        ObjectNode template = object().put("type", "button_template").put("contentText", text.toString());
        ArrayNode actions = template.putArray("actions");
        message.actions().forEach(a -> actions.addObject().put("type", "uri")
                .put("label", cut(escape(shown(a.label())), 20)).put("uri", a.url()));
        return template;
    }

    private static Optional<Matcher> room(TenantProfile.Channel channel) {
        return channel.room().map(r -> ROOM.matcher(r.strip())).filter(Matcher::matches);
    }

    /** {@code <m userId=…>} is the only tag LINE WORKS reads in text: a caller's angle brackets become full-width. */
    static String escape(String text) {
        return ChatFormat.fullWidth(text, "<>");
    }
}
