package io.orikaeshi.notification.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orikaeshi.infra.testing.ServiceAccountKeys;
import io.orikaeshi.kit.secrets.LineWorksCredential;
import io.orikaeshi.notification.channel.LineWorksAuth.Grant;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A service account's access token, asked for as LINE WORKS documents it, from a real local auth server. */
class LineWorksAuthTest {

    private static final KeyPair KEYS = ServiceAccountKeys.rsa();
    private static final String CLIENT_SECRET = "cs-Hx81kQ0pZr";
    private static final LineWorksCredential CREDENTIAL = LineWorksCredential.parse(ServiceAccountKeys.credential(
            "client-1", CLIENT_SECRET, "abcde.serviceaccount@works.example", ServiceAccountKeys.pem(KEYS.getPrivate()),
            null));

    private final LineWorksServer works = new LineWorksServer(0).knows(new LineWorksServer.Account("client-1",
            CLIENT_SECRET, "abcde.serviceaccount@works.example", "bot", KEYS.getPublic()));

    @AfterEach
    void stop() {
        works.close();
    }

    private Grant ask() {
        HttpCall call = LineWorksAuth.tokenRequest(works.url(), CREDENTIAL, Instant.now());
        LocalReceiver.Answer answer = LocalReceiver.send(call);
        return LineWorksAuth.answer(answer.status(), answer.headers(), answer.body());
    }

    @Test
    void theTokenRequestCarriesASignedAssertionAndTheClientAndIsIssuedAToken() {
        Grant grant = ask();

        LineWorksServer.TokenRequest request = works.tokenRequests().get(0);
        assertEquals(List.of(), request.problems(), "signature, claims and form as documented");
        assertEquals("bot", request.form().get("scope"), "the default scope");
        assertEquals("abcde.serviceaccount@works.example", request.claims().path("sub").asText());
        assertEquals(new Grant.Issued(works.issued().get(0), Duration.ofSeconds(86400)), grant);
    }

    @Test
    void aStandardCredentialAsksTheStandardAuthServer() {
        HttpCall call = LineWorksAuth.tokenRequest(LineWorksAuth.STANDARD_AUTH_URL, CREDENTIAL, Instant.now());

        assertEquals("https://auth.worksmobile.com/oauth2/v2.0/token", call.uri().toString());
        assertEquals("POST", call.method());
    }

    @Test
    void aRejectedCredentialIsRefusedNamingTheErrorButNothingTheServerEchoed() {
        works.refuses("client-1", 400,
                "{\"error\":\"invalid_client\",\"error_description\":\"client_secret " + CLIENT_SECRET
                        + " is wrong\"}");

        Verdict.Refused refused = assertInstanceOf(Verdict.Refused.class,
                assertInstanceOf(Grant.Denied.class, ask()).verdict());

        assertTrue(refused.reason().contains("HTTP 400 invalid_client"), refused.reason());
        assertFalse(refused.reason().contains(CLIENT_SECRET), refused.reason());
    }

    @Test
    void anAuthServerInTroubleIsRetriedWhenItSays() {
        Grant grant = LineWorksAuth.answer(503, Map.of("Retry-After", "30"), "<html>down</html>");

        Verdict.Retry retry = assertInstanceOf(Verdict.Retry.class, assertInstanceOf(Grant.Denied.class, grant)
                .verdict());
        assertEquals(Optional.of(Duration.ofSeconds(30)), retry.after());
        assertEquals(Verdict.Retry.class,
                ((Grant.Denied) LineWorksAuth.answer(429, Map.of(), "")).verdict().getClass());
    }

    @Test
    void aLifetimeGivenAsANumberCountsAndAnAnswerWithoutATokenIsRetried() {
        assertEquals(new Grant.Issued("t", Duration.ofSeconds(3600)),
                LineWorksAuth.answer(200, Map.of(), "{\"access_token\":\"t\",\"expires_in\":3600}"));
        assertInstanceOf(Verdict.Retry.class,
                assertInstanceOf(Grant.Denied.class, LineWorksAuth.answer(200, Map.of(), "{}")).verdict());
    }
}
