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

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one chat message: the tenant's channel as it is now, its secret opened only for the request, the request
 * laid out by the channel type's {@link ChatApi} and put on the wire by {@link ChatHttp}. The answer is read by the
 * same API. Whatever goes wrong becomes a verdict, never an exception: a channel gone from the tenant, one its API
 * refuses as configured, or a secret that cannot be opened is refused at once (no retry can mend it), a transport
 * failure is retried. A LINE WORKS channel holding a service account rather than a token sends with the access token
 * {@link LineWorksTokens} holds for it; the API lays out the same request with it.
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
    ChatHttp http;
    @Inject
    LineWorksTokens lineWorksTokens;

    private final Map<TenantProfile.ChannelType, ChatApi> byType = new EnumMap<>(TenantProfile.ChannelType.class);

    @PostConstruct
    void init() {
        apis.forEach(api -> byType.put(api.type(), api));
    }

    public Uni<Verdict> send(MailMessage message) {
        Optional<TenantProfile.Channel> found = tenants.find(message.tenantId)
                .flatMap(t -> t.config().channel(message.channelId));
        if (found.isEmpty()) {
            return refused("channel " + message.channelId + " is no longer configured for the tenant");
        }
        TenantProfile.Channel channel = found.get();
        ChatApi api = byType.get(channel.type());
        if (api == null) {
            return refused("no sender for channel type " + channel.type());
        }
        Secrets opened;
        try {
            opened = Secrets.open(channel, secrets, Instant.now());
        } catch (RuntimeException e) {
            // Any failure to open (a wrong key, a cut value the cipher rejects outright) is the same verdict. The
            // reason is the exception's own sentence, never the value.
            return refused("the secret of channel " + message.channelId + " cannot be opened: " + e.getMessage());
        }
        Optional<Verdict.Refused> refusal = api.refusal(channel, opened.current());
        if (refusal.isPresent()) {
            return refused(opened.redact(refusal.get().reason()));
        }
        if (!LineWorksTokens.applies(channel, opened.current())) {
            return post(api, channel, opened.current(), message, opened).map(Posted::verdict);
        }
        return lineWorksTokens.token(message.tenantId, channel, opened.current()).flatMap(access -> {
            if (access instanceof LineWorksTokens.Token token) {
                Secrets withToken = opened.and(token.value());
                return post(api, channel, token.value(), message, withToken)
                        .map(posted -> redacted(lineWorksTokens.judged(token, posted.status(), posted.verdict()),
                                withToken));
            }
            return Uni.createFrom().item(redacted(((LineWorksTokens.Denied) access).verdict(), opened));
        });
    }

    /** @param status the HTTP status, 0 when there was no answer */
    private record Posted(int status, Verdict verdict) {
    }

    /** The message laid out with {@code credential} (the secret, or the token obtained with it) and sent. */
    private Uni<Posted> post(ChatApi api, TenantProfile.Channel channel, String credential, MailMessage message,
            Secrets opened) {
        HttpCall call;
        try {
            call = api.request(channel, credential, ChatJson.fromJson(message.chatJson), message.messageId,
                    Instant.now());
        } catch (RuntimeException e) {
            return Uni.createFrom().item(new Posted(0, new Verdict.Refused(
                    opened.redact("the message cannot be laid out for " + channel.type() + ": " + e))));
        }
        return http.execute(call)
                .map(response -> new Posted(response.statusCode(), redacted(
                        api.verdict(response.statusCode(), ChatHttp.headers(response), response.body()), opened)))
                .onFailure().recoverWithItem(e -> new Posted(0, new Verdict.Retry(Optional.empty(),
                        opened.redact(e.getClass().getSimpleName() + (e.getMessage() == null
                                ? ""
                                : ": " + e.getMessage())))));
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

    /**
     * A channel's secrets, opened for one send (and an access token obtained with them): all must open, and none may
     * show in a reason.
     */
    private record Secrets(List<String> values) {

        static Secrets open(TenantProfile.Channel channel, SecretBox box, Instant now) {
            List<String> values = new ArrayList<>();
            values.add(channel.secret().map(box::open).orElse(""));
            if (channel.previousUntil().filter(now::isBefore).isPresent()) {
                channel.previousSecret().map(box::open).ifPresent(values::add);
            }
            return new Secrets(List.copyOf(values));
        }

        String current() {
            return values.get(0);
        }

        Secrets and(String value) {
            List<String> more = new ArrayList<>(values);
            more.add(value);
            return new Secrets(List.copyOf(more));
        }

        String redact(String text) {
            String out = text;
            for (String secret : values) {
                if (!secret.isEmpty()) {
                    out = out.replace(secret, "[secret]");
                }
            }
            return out;
        }
    }
}
