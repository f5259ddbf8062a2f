package io.orikaeshi.notification.service;

import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.kit.secrets.LineWorksCredential;
import io.orikaeshi.notification.channel.HttpCall;
import io.orikaeshi.notification.channel.LineWorksAuth;
import io.orikaeshi.notification.channel.Verdict;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens of the LINE WORKS channels whose secret is a service account ({@link LineWorksCredential}): one is
 * obtained when a message needs it ({@link LineWorksAuth}) and kept per channel and credential until shortly before
 * it expires, so a channel keeps working however long it runs. Messages that need a token while it is being obtained
 * wait for that one request. When the Bot API refuses a token (401, revoked or expired early) it is dropped and the
 * message retried, which obtains a new one; a new token refused as well means the credential cannot post (a scope the
 * app lacks), and the message is refused rather than retried for days.
 */
@ApplicationScoped
public class LineWorksTokens {

    /** A token's last minutes go unused: a message sent at its very end could arrive after it expired. */
    private static final Duration MARGIN = Duration.ofMinutes(5);

    @Inject
    ChatHttp http;
    @Inject
    LineWorksConfig config;

    /** What a message gets: a token, or why there is none. */
    public sealed interface Access {
    }

    /**
     * @param key     the channel and credential it belongs to
     * @param renewal obtained because the Bot API refused the one before, and not yet seen to work
     */
    public record Token(String key, String value, Instant renewAt, boolean renewal) implements Access {

        /** The token is a secret: never in a message that prints this. */
        @Override
        public String toString() {
            return "Token[renewAt=" + renewAt + ", renewal=" + renewal + "]";
        }
    }

    public record Denied(Verdict verdict) implements Access {
    }

    private final Map<String, CompletableFuture<Access>> tokens = new ConcurrentHashMap<>();
    /** Channels whose next token replaces one the Bot API refused. */
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    /** Whether the channel's secret is a service account rather than an access token to send as it is. */
    public static boolean applies(TenantProfile.Channel channel, String secret) {
        return channel.type() == TenantProfile.ChannelType.LINE_WORKS && LineWorksCredential.isCredential(secret);
    }

    /** The channel's token: the one held while it is fresh, else a new one. Never fails. */
    public Uni<Access> token(String tenantId, TenantProfile.Channel channel, String secret) {
        String owner = tenantId + "/" + channel.id() + "/";
        String key = owner + sha256(secret);
        // A replaced credential's token is of no further use.
        tokens.keySet().removeIf(k -> k.startsWith(owner) && !k.equals(key));
        // Each caller gets its own stage: one that gives up waiting must not cancel the request others wait for.
        return Uni.createFrom().completionStage(() -> tokens
                .compute(key, (k, held) -> fresh(held, Instant.now()) ? held : obtain(k, secret, channel.id()))
                .thenApply(access -> access));
    }

    /**
     * The verdict of a message sent with the token, given the Bot API's status: a 401 drops the token and retries
     * the message (refuses it when the token was itself a renewal); a delivery proves a renewed token.
     */
    public Verdict judged(Token token, int status, Verdict verdict) {
        if (status == 401) {
            CompletableFuture<Access> replacement = tokens.computeIfPresent(token.key(),
                    (k, held) -> holds(held, token) ? null : held);
            String reason = verdict instanceof Verdict.Refused refusal ? refusal.reason() : "HTTP 401";
            if (token.renewal()) {
                return new Verdict.Refused("LINE WORKS refused a newly obtained access token too (" + reason
                        + "): the service account cannot post with its scope");
            }
            if (replacement == null) {
                // Unless another message's retry already obtained its successor.
                refused.add(token.key());
            }
            return new Verdict.Retry(Optional.empty(),
                    "LINE WORKS refused the access token (" + reason + "); a new one is obtained for the next attempt");
        }
        if (token.renewal() && verdict instanceof Verdict.Delivered) {
            Token proven = new Token(token.key(), token.value(), token.renewAt(), false);
            tokens.computeIfPresent(token.key(),
                    (k, held) -> holds(held, token) ? CompletableFuture.completedFuture(proven) : held);
        }
        return verdict;
    }

    private CompletableFuture<Access> obtain(String key, String secret, String channelId) {
        boolean renewal = refused.remove(key);
        HttpCall call;
        try {
            call = LineWorksAuth.tokenRequest(config.authUrl(), LineWorksCredential.parse(secret), Instant.now());
        } catch (RuntimeException unusable) {
            // Its message names the field at fault, never a value.
            return CompletableFuture.completedFuture(new Denied(new Verdict.Refused(
                    "the LINE WORKS credential of channel " + channelId + " is unusable: " + unusable.getMessage())));
        }
        Instant asked = Instant.now();
        return http.execute(call)
                .map(response -> access(key, renewal, asked,
                        LineWorksAuth.answer(response.statusCode(), ChatHttp.headers(response), response.body())))
                .onFailure().recoverWithItem(e -> new Denied(new Verdict.Retry(Optional.empty(),
                        "LINE WORKS token endpoint: " + e.getClass().getSimpleName())))
                .subscribeAsCompletionStage();
    }

    private Access access(String key, boolean renewal, Instant asked, LineWorksAuth.Grant grant) {
        if (grant instanceof LineWorksAuth.Grant.Issued issued) {
            Duration margin = issued.lifetime().dividedBy(10).compareTo(MARGIN) < 0
                    ? issued.lifetime().dividedBy(10)
                    : MARGIN;
            return new Token(key, issued.accessToken(), asked.plus(issued.lifetime()).minus(margin), renewal);
        }
        return new Denied(((LineWorksAuth.Grant.Denied) grant).verdict());
    }

    /** A token not yet near its end, or one being obtained; a denial is asked again. */
    private static boolean fresh(CompletableFuture<Access> held, Instant now) {
        return held != null && (!held.isDone()
                || result(held).filter(a -> a instanceof Token token && now.isBefore(token.renewAt())).isPresent());
    }

    private static boolean holds(CompletableFuture<Access> held, Token token) {
        return result(held).filter(token::equals).isPresent();
    }

    /** What the request came to; empty while it runs (and, never expected, for a cancelled one). */
    private static Optional<Access> result(CompletableFuture<Access> held) {
        return held.isDone() && !held.isCompletedExceptionally() ? Optional.of(held.join()) : Optional.empty();
    }

    private static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
