package io.orikaeshi.notification.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.kit.secrets.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The generic signed webhook: the event and the rendered message as JSON, POSTed to the channel's URL and signed as
 * Stripe signs: {@code Orikaeshi-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}. While a
 * rotated-out secret is still honoured ({@code previousUntil}) a second {@code v1} is signed with it, so a receiver
 * that still knows only the old secret keeps verifying. The receiver's side is in the service README.
 */
@ApplicationScoped
public class WebhookApi implements ChatApi {

    public static final String SIGNATURE = "Orikaeshi-Signature";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    SecretBox secrets;

    @Override
    public TenantProfile.ChannelType type() {
        return TenantProfile.ChannelType.WEBHOOK;
    }

    @Override
    public HttpCall request(TenantProfile.Channel channel, String secret, ChatMessage message, String messageId,
            Instant now) {
        String body = body(message, messageId);
        long t = now.getEpochSecond();
        StringBuilder signature = new StringBuilder("t=").append(t).append(",v1=").append(sign(secret, t, body));
        if (channel.previousUntil().filter(now::isBefore).isPresent() && channel.previousSecret().isPresent()) {
            signature.append(",v1=").append(sign(secrets.open(channel.previousSecret().get()), t, body));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Idempotency-Key", messageId);
        headers.put(SIGNATURE, signature.toString());
        URI uri = URI.create(channel.url().orElseThrow(() -> new IllegalArgumentException("the webhook has no url")));
        return new HttpCall("POST", uri, headers, body);
    }

    /** {@code {"id", "type", "callId", "event", "report": {"title", "fields", "actions", "text"}}} */
    static String body(ChatMessage message, String messageId) {
        try {
            ObjectNode root = MAPPER.createObjectNode();
            root.put("id", messageId);
            root.put("type", message.kind());
            root.put("callId", message.callId());
            root.set("event", MAPPER.readTree(message.eventJson()));
            ObjectNode report = root.putObject("report");
            report.put("title", message.title());
            report.set("fields", MAPPER.valueToTree(message.fields()));
            report.set("actions", MAPPER.valueToTree(message.actions()));
            report.put("text", message.text());
            message.mention().ifPresent(m -> report.put("mention", m.id()));
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the message cannot be written as JSON", e);
        }
    }

    /** Hex HMAC-SHA256 of {@code t + "." + body} under the secret: what a receiver recomputes. */
    public static String sign(String secret, long t, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
