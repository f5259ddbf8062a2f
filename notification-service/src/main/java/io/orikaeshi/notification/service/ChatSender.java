package io.orikaeshi.notification.service;

import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.kit.secrets.SecretBox;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.orikaeshi.notification.channel.ChatApi;
import io.orikaeshi.notification.channel.HttpCall;
import io.orikaeshi.notification.channel.Verdict;
import io.orikaeshi.notification.repository.ChatJson;
import io.orikaeshi.notification.repository.MailMessage;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one chat message: the tenant's channel as it is now, its secret opened only for the request, the request
 * laid out by the channel type's {@link ChatApi} and put on the wire with the JDK's HTTP client (asynchronous, its own
 * connection pool and selector thread, no dependency to add). The answer is read by the same API. Whatever goes wrong
 * becomes a verdict, never an exception: a channel gone from the tenant or a secret that cannot be opened is refused
 * at once (no retry can mend it), a transport failure is retried.
 */
@ApplicationScoped
public class ChatSender {

    @Inject
    @Any
    Instance<ChatApi> apis;
    @Inject
    TenantDirectory tenants;
    @Inject
    SecretBox secrets;
    @Inject
    DispatchConfig config;

    private final Map<TenantProfile.ChannelType, ChatApi> byType = new EnumMap<>(TenantProfile.ChannelType.class);
    private HttpClient http;

    @PostConstruct
    void init() {
        apis.forEach(api -> byType.put(api.type(), api));
        http = HttpClient.newBuilder().connectTimeout(config.sendTimeout()).build();
    }

    public Uni<Verdict> send(MailMessage message) {
        Optional<TenantProfile.Channel> channel = tenants.find(message.tenantId)
                .flatMap(t -> t.config().channel(message.channelId));
        if (channel.isEmpty()) {
            return refused("channel " + message.channelId + " is no longer configured for the tenant");
        }
        ChatApi api = byType.get(channel.get().type());
        if (api == null) {
            return refused("no sender for channel type " + channel.get().type());
        }
        Secrets opened;
        try {
            opened = Secrets.open(channel.get(), secrets, Instant.now());
        } catch (RuntimeException e) {
            // Any failure to open (a wrong key, a cut value the cipher rejects outright) is the same verdict. The
            // reason is the exception's own sentence, never the value.
            return refused("the secret of channel " + message.channelId + " cannot be opened: " + e.getMessage());
        }
        HttpCall call;
        try {
            call = api.request(channel.get(), opened.current(),
                    ChatJson.fromJson(message.chatJson), message.messageId, Instant.now());
        } catch (RuntimeException e) {
            return refused(opened.redact("the message cannot be laid out for " + channel.get().type() + ": " + e));
        }
        return execute(call).map(response -> api.verdict(response.statusCode(), headers(response), response.body()))
                .map(verdict -> redacted(verdict, opened))
                .onFailure().recoverWithItem(e -> new Verdict.Retry(Optional.empty(),
                        opened.redact(e.getClass().getSimpleName() + (e.getMessage() == null
                                ? ""
                                : ": " + e.getMessage()))));
    }

    /** Built inside the Uni: a request the client will not take (a header it forbids) fails this send only. */
    private Uni<HttpResponse<String>> execute(HttpCall call) {
        return Uni.createFrom().completionStage(() -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(call.uri()).timeout(config.sendTimeout())
                    .method(call.method(), call.body() == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(call.body()));
            call.headers().forEach(request::header);
            return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
        });
    }

    private static Map<String, String> headers(HttpResponse<?> response) {
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name, values.get(0));
            }
        });
        return headers;
    }

    /** A service may echo what it was sent (an incoming-webhook URL is itself the secret): never into a reason. */
    private static Verdict redacted(Verdict verdict, Secrets opened) {
        if (verdict instanceof Verdict.Retry retry) {
            return new Verdict.Retry(retry.after(), opened.redact(retry.reason()));
        }
        if (verdict instanceof Verdict.Refused refused) {
            return new Verdict.Refused(opened.redact(refused.reason()));
        }
        return verdict;
    }

    private static Uni<Verdict> refused(String reason) {
        return Uni.createFrom().item(new Verdict.Refused(reason));
    }

    /** A channel's secrets, opened for one send: both must open, and neither may show in a reason. */
    private record Secrets(String current, Optional<String> previous) {

        static Secrets open(TenantProfile.Channel channel, SecretBox box, Instant now) {
            String current = channel.secret().map(box::open).orElse("");
            Optional<String> previous = channel.previousUntil().filter(now::isBefore).isPresent()
                    ? channel.previousSecret().map(box::open)
                    : Optional.empty();
            return new Secrets(current, previous);
        }

        String redact(String text) {
            String out = text;
            for (String secret : previous.map(p -> List.of(current, p)).orElse(List.of(current))) {
                if (!secret.isEmpty()) {
                    out = out.replace(secret, "[secret]");
                }
            }
            return out;
        }
    }
}
