package io.orikaeshi.notification.channel;

import static io.orikaeshi.notification.channel.ChatFormat.blank;
import static io.orikaeshi.notification.channel.ChatFormat.shown;

import io.orikaeshi.events.tenant.TenantProfile;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Chatwork API v2: {@code POST /rooms/{room_id}/messages} with the API token in {@code X-ChatWorkToken}, a form body
 * of {@code body} and {@code self_unread=0}; the person is named with {@code [To:account_id]}, the report framed in
 * {@code [info][title]…[/title]…[/info]}.
 *
 * <ul>
 * <li>https://developer.chatwork.com/reference/post-rooms-room_id-messages</li>
 * <li>https://developer.chatwork.com/docs/message-notation (the tags; "[To:123] 山田さん" is its own example)</li>
 * <li>https://developer.chatwork.com/docs/endpoints (base URI, {@code x-chatworktoken}, form bodies; a limit of
 * requests per 5 minutes, then 429 with {@code x-ratelimit-reset} in Unix seconds)</li>
 * </ul>
 * The API takes no idempotency key, so the message id is not sent.
 */
@ApplicationScoped
public class ChatworkApi implements ChatApi {

    static final String API = "https://api.chatwork.com/v2";

    @Override
    public TenantProfile.ChannelType type() {
        return TenantProfile.ChannelType.CHATWORK;
    }

    @Override
    public Optional<Verdict.Refused> refusal(TenantProfile.Channel channel, String secret) {
        return ChatFormat.refusedUnless(
                !blank(secret) && channel.room().filter(r -> r.strip().matches("\\d+")).isPresent(),
                "Chatwork needs an API token as secret and a numeric room id as room");
    }

    @Override
    public HttpCall request(TenantProfile.Channel channel, String secret, ChatMessage message, String messageId,
            Instant now) {
        String form = "body=" + URLEncoder.encode(text(message), StandardCharsets.UTF_8) + "&self_unread=0";
        return new HttpCall("POST",
                ChatFormat.endpoint(channel.url(), API, "/rooms/" + channel.room().orElseThrow().strip() + "/messages"),
                Map.of("X-ChatWorkToken", secret.strip(), "Content-Type", "application/x-www-form-urlencoded"), form);
    }

    /** Chatwork sends no Retry-After with its 429, only when the window resets. */
    @Override
    public Verdict verdict(int status, Map<String, String> headers, String body) {
        Verdict verdict = Verdicts.http(status, headers, body);
        if (verdict instanceof Verdict.Retry retry && retry.after().isEmpty()) {
            Optional<Duration> untilReset = ChatFormat.header(headers, "x-ratelimit-reset")
                    .filter(v -> v.matches("\\d{1,12}"))
                    .map(v -> Duration.between(Instant.now(), Instant.ofEpochSecond(Long.parseLong(v))))
                    .map(d -> d.isNegative() ? Duration.ZERO : d);
            return new Verdict.Retry(untilReset, retry.reason());
        }
        return verdict;
    }

    private static String text(ChatMessage message) {
        StringBuilder text = new StringBuilder();
        message.mention().ifPresent(m -> {
            String name = escape(shown(m.name()));
            boolean addressable = m.id() != null && m.id().strip().matches("\\d+");
            String to = addressable ? "[To:" + m.id().strip() + "]" : "";
            text.append(ChatFormat.japanese(message) ? to + name + "さん" : (to + " " + name).strip()).append('\n');
        });
        text.append("[info][title]").append(escape(shown(message.title()))).append("[/title]")
                .append(ChatFormat.fieldLines(message.fields(), ChatworkApi::escape));
        if (!message.actions().isEmpty()) {
            text.append("[hr]").append(ChatFormat.linkLines(message.actions(), ChatworkApi::escape));
        }
        return text.append("[/info]").toString();
    }

    /** Every Chatwork tag is in square brackets: a caller's become full-width and stay text. */
    static String escape(String text) {
        return ChatFormat.fullWidth(text, "[]");
    }
}
