package io.orikaeshi.notification.service;

import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.events.tenant.TenantProfile.ChannelType;
import io.orikaeshi.events.tenant.TenantProfile.PersonalData;
import io.orikaeshi.infra.testing.ServiceAccountKeys;
import io.orikaeshi.notification.channel.LineWorksServer;
import io.orikaeshi.notification.channel.Verdict;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A service account's tokens as the sender gets them, from a real local LINE WORKS auth server. */
class LineWorksTokensTest {

    private static final KeyPair KEYS = ServiceAccountKeys.rsa();
    private static final TenantProfile.Channel CHANNEL = new TenantProfile.Channel("works", ChannelType.LINE_WORKS,
            Optional.empty(), Optional.of("1/channels/a"), Optional.of("sealed"), Optional.empty(), Optional.empty(),
            PersonalData.ALL);

    private final LineWorksServer works = new LineWorksServer(0).knows(new LineWorksServer.Account("client-1",
            "cs-1", "sa@works.example", "bot", KEYS.getPublic()));
    private final LineWorksTokens tokens = tokens(works.url());
    private final String credential = ServiceAccountKeys.credential("client-1", "cs-1", "sa@works.example",
            ServiceAccountKeys.pem(KEYS.getPrivate()), null);

    @AfterEach
    void stop() {
        works.close();
    }

    private LineWorksTokens.Token token() {
        return assertInstanceOf(LineWorksTokens.Token.class,
                tokens.token("acme", CHANNEL, credential).await().atMost(Duration.ofSeconds(10)));
    }

    @Test
    void messagesAskingAtOnceShareOneTokenRequestAndLaterOnesTheToken() {
        List<LineWorksTokens.Access> at = Uni.join().all(List.of(tokens.token("acme", CHANNEL, credential),
                tokens.token("acme", CHANNEL, credential), tokens.token("acme", CHANNEL, credential)))
                .andFailFast().await().atMost(Duration.ofSeconds(10));

        assertEquals(1, at.stream().distinct().count(), "one token for all: " + at);
        assertEquals(token(), at.get(0));
        assertEquals(1, works.tokenRequests().size());
    }

    @Test
    void aTokenTheBotApiRefusesIsRetriedWithANewOneAndANewOneRefusedTooIsFinal() {
        LineWorksTokens.Token first = token();

        Verdict retry = tokens.judged(first, 401, new Verdict.Refused("HTTP 401"));
        LineWorksTokens.Token second = token();
        Verdict refused = tokens.judged(second, 401, new Verdict.Refused("HTTP 401"));

        assertInstanceOf(Verdict.Retry.class, retry);
        assertNotEquals(first.value(), second.value());
        assertTrue(second.renewal());
        assertInstanceOf(Verdict.Refused.class, refused);
        assertEquals(2, works.tokenRequests().size());
    }

    @Test
    void aRenewedTokenThatDeliveredIsRenewedAgainOnItsNext401() {
        tokens.judged(token(), 401, new Verdict.Refused("HTTP 401"));
        LineWorksTokens.Token renewed = token();

        assertEquals(new Verdict.Delivered(), tokens.judged(renewed, 201, new Verdict.Delivered()));
        LineWorksTokens.Token proven = token();

        assertEquals(renewed.value(), proven.value());
        assertInstanceOf(Verdict.Retry.class, tokens.judged(proven, 401, new Verdict.Refused("HTTP 401")));
    }

    @Test
    void aChangedCredentialGetsItsOwnToken() {
        LineWorksTokens.Token before = token();
        works.knows(new LineWorksServer.Account("client-2", "cs-2", "sa@works.example", "bot", KEYS.getPublic()));

        LineWorksTokens.Access after = tokens.token("acme", CHANNEL, ServiceAccountKeys.credential("client-2", "cs-2",
                "sa@works.example", ServiceAccountKeys.pem(KEYS.getPrivate()), null)).await()
                .atMost(Duration.ofSeconds(10));

        assertNotEquals(before.value(), assertInstanceOf(LineWorksTokens.Token.class, after).value());
        assertEquals(2, works.tokenRequests().size());
    }

    /** The bean as CDI makes it, its settings given: the auth server here, a 5 s send timeout. */
    private static LineWorksTokens tokens(String authUrl) {
        ChatHttp http = new ChatHttp();
        http.config = (DispatchConfig) Proxy.newProxyInstance(DispatchConfig.class.getClassLoader(),
                new Class<?>[]{DispatchConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendTimeout")) {
                        return Duration.ofSeconds(5);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        http.init();
        LineWorksTokens tokens = new LineWorksTokens();
        tokens.http = http;
        tokens.config = () -> authUrl;
        return tokens;
    }
}
