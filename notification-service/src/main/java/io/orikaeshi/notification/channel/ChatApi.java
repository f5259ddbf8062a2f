package io.orikaeshi.notification.channel;

import io.orikaeshi.events.tenant.TenantProfile;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** One chat service's API: how a message is asked for, and what its answers mean. */
public interface ChatApi {

    TenantProfile.ChannelType type();

    /**
     * Why this channel, as configured, can never take a message (a malformed room, a secret that is not the URL or
     * token it must be): a {@link Verdict.Refused} without a request. Asked before {@link #request}, which is only
     * called on a channel this leaves empty.
     */
    default Optional<Verdict.Refused> refusal(TenantProfile.Channel channel, String secret) {
        return Optional.empty();
    }

    /**
     * @param secret    the channel's opened secret (token, webhook URL or signing secret)
     * @param messageId the ledger's id of the message, stable across retries (an idempotency key where the API takes
     *                  one)
     */
    HttpCall request(TenantProfile.Channel channel, String secret, ChatMessage message, String messageId,
            Instant now);

    /**
     * The usual HTTP reading: 2xx delivered; 429, 408 and 5xx retried (429 and 503 after their Retry-After); any
     * other status refused. An API that reports errors inside a 200 (Slack's {@code ok: false}) overrides this.
     */
    default Verdict verdict(int status, Map<String, String> headers, String body) {
        return Verdicts.http(status, headers, body);
    }
}
