package io.orikaeshi.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orikaeshi.events.CallDetails;
import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackPromise;
import io.orikaeshi.events.CallbackUnacknowledged;
import io.orikaeshi.events.CapturedItem;
import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.NotificationDeferred;
import io.orikaeshi.events.NotificationFailed;
import io.orikaeshi.events.NotificationSent;
import io.orikaeshi.events.Topics;
import io.orikaeshi.events.Urgency;
import io.orikaeshi.events.tenant.TenantChanged;
import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.events.tenant.TenantProfile.ChannelType;
import io.orikaeshi.events.tenant.TenantProfile.PersonalData;
import io.orikaeshi.kit.secrets.SecretBox;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.orikaeshi.infra.testing.ServiceAccountKeys;
import io.orikaeshi.notification.ChatReceiver.Answer;
import io.orikaeshi.notification.channel.LineWorksServer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reports, alerts and repeat notices to chat channels, end to end: events on Kafka, the ledger in PostgreSQL, a real
 * local HTTP receiver per channel (verifying the webhook signature as receivers are told to), and real SMTP for the
 * routes that still lead to a mailbox. The tenant and its sealed channel secrets arrive on the tenant feed.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChatDeliveryTest extends EventsToMail {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TENANT = "chat-" + UUID.randomUUID().toString().substring(0, 8);
    /** Every secret the tenant's channels hold, in clear: none may ever show outside a request's signature. */
    private static final Map<String, String> SECRETS = new LinkedHashMap<>();
    private static final List<String> LOGS = new ArrayList<>();
    private static final Handler CAPTURE = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            synchronized (LOGS) {
                LOGS.add(formatter.format(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    /** The LINE WORKS channels' service accounts: one the auth server honours, one it refuses. */
    private static final KeyPair WORKS_KEYS = ServiceAccountKeys.rsa();
    private static final String WORKS_CLIENT_SECRET = "cs-" + UUID.randomUUID();
    private static final String REVOKED_CLIENT_SECRET = "cs-" + UUID.randomUUID();
    private static ChatReceiver receiver;
    private static LineWorksServer works;
    private static boolean configured;

    @Inject
    SecretBox box;
    @Inject
    TenantDirectory tenants;
    @ConfigProperty(name = LineWorksAuthPort.AUTH_URL)
    String worksAuthUrl;

    @BeforeAll
    static void start() throws Exception {
        receiver = new ChatReceiver();
        Logger.getLogger("").addHandler(CAPTURE);
    }

    @AfterAll
    static void stop() {
        Logger.getLogger("").removeHandler(CAPTURE);
        receiver.close();
        if (works != null) {
            works.close();
        }
    }

    @BeforeEach
    void tenant() throws InterruptedException {
        if (configured) {
            return;
        }
        List<TenantProfile.Channel> channels = List.of(
                webhook("sales", PersonalData.ALL), webhook("c429", PersonalData.ALL),
                webhook("c500", PersonalData.ALL), webhook("c404", PersonalData.ALL),
                webhook("masked", PersonalData.MASKED), webhook("linkonly", PersonalData.LINK_ONLY),
                rotating(), lineWorks("works", "works-client", WORKS_CLIENT_SECRET),
                lineWorks("works-revoked", "revoked-client", REVOKED_CLIENT_SECRET),
                new TenantProfile.Channel("broken", ChannelType.WEBHOOK, Optional.of(receiver.url("/broken")),
                        Optional.empty(), Optional.of("sealed:v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), Optional.empty(),
                        Optional.empty(), PersonalData.ALL));
        List<TenantProfile.Route> routes = List.of(
                route("営業部", "channel:sales:contact:hanako"), route("経理部", "contact:taro"),
                route("retry429", "channel:c429"), route("retry500", "channel:c500"),
                route("gone404", "channel:c404"), route("総務部", "channel:masked"),
                route("人事部", "channel:linkonly"), route("rotating", "channel:rotating"),
                route("broken", "channel:broken"), route("ワークス", "channel:works"),
                route("ワークス旧", "channel:works-revoked"));
        List<TenantProfile.Contact> contacts = List.of(
                new TenantProfile.Contact("hanako", "鈴木 花子", Optional.of("hanako@chat.example"),
                        Optional.of(Map.of("webhook", "hanako-in-hook"))),
                new TenantProfile.Contact("taro", "高橋 太郎", Optional.of("taro@chat.example"), Optional.empty()));
        TenantProfile profile = new TenantProfile("チャット商事", Optional.empty(), "ja", "Asia/Tokyo", "JP",
                Optional.of(List.of("fallback@chat.example")),
                new TenantProfile.Calendar("MON-FRI 09:00-18:00", "JP", Optional.empty()),
                new TenantProfile.Promises(Duration.ofMinutes(10), Optional.empty(), "受付", Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty()),
                Optional.empty(),
                new TenantProfile.Notifications(Optional.of(routes), false, Optional.empty(), 120,
                        Duration.ofMinutes(1), Optional.of(channels), Optional.of(Duration.ofMinutes(15))),
                Optional.of(contacts), Optional.empty());
        kafka.send(Topics.TENANT_EVENTS, TENANT,
                EventCodec.toJson(TenantChanged.of(TENANT, 1, Instant.now(), profile, List.of())));
        Instant until = Instant.now().plus(WAIT);
        while (tenants.find(TENANT).isEmpty()) {
            assertTrue(Instant.now().isBefore(until), "the tenant never reached the service");
            Thread.sleep(200);
        }
        configured = true;
    }

    @Test
    @Order(1)
    void aChannelAnswering429WithRetryAfterGetsTheMessageOnceAfterThePause() throws Exception {
        receiver.script("/c429", new Answer(429, Map.of("Retry-After", "2")));
        CallReceived call = call("retry429");
        publish(Topics.CALL_EVENTS, call);

        List<ChatReceiver.Request> requests = receiver.await(about(call), 2, WAIT);
        Thread.sleep(3000);

        requests = receiver.requests(about(call));
        assertEquals(2, requests.size(), "refused once, then delivered; nothing more");
        assertEquals(List.of(429, 200), requests.stream().map(ChatReceiver.Request::status).toList());
        Duration pause = Duration.between(requests.get(0).at(), requests.get(1).at());
        assertTrue(pause.compareTo(Duration.ofSeconds(2)) >= 0, "sent again only after Retry-After: " + pause);
        NotificationDeferred deferred = assertInstanceOf(NotificationDeferred.class,
                event(call, "NotificationDeferred"));
        assertEquals("webhook", deferred.channel());
        assertTrue(deferred.reason().contains("429"), deferred.reason());
        assertEquals("webhook", assertInstanceOf(NotificationSent.class, event(call, "NotificationSent")).channel());
        assertEquals(1, count(call, "NotificationSent"));
    }

    @Test
    @Order(2)
    void aChannelFailingWith500ForAWhileGetsTheMessageOnceWhenItRecovers() throws Exception {
        receiver.script("/c500", new Answer(500, Map.of()), new Answer(500, Map.of()));
        CallReceived call = call("retry500");
        publish(Topics.CALL_EVENTS, call);

        receiver.await(about(call).and(r -> r.status() == 200), 1, WAIT);
        Thread.sleep(3000);

        assertEquals(List.of(500, 500, 200),
                receiver.requests(about(call)).stream().map(ChatReceiver.Request::status).toList());
        assertLedger(call, "SENT", 3);
        assertEquals(1, count(call, "NotificationSent"));
    }

    @Test
    @Order(3)
    void aChannelAnswering404FailsTheMessageAfterOneRequest() throws Exception {
        receiver.alwaysAnswer("/c404", new Answer(404, Map.of()));
        CallReceived call = call("gone404");
        publish(Topics.CALL_EVENTS, call);

        NotificationFailed failed = assertInstanceOf(NotificationFailed.class, event(call, "NotificationFailed"));
        // A retry (the first after 2 s) would come within this pause if there were one.
        Thread.sleep(4000);

        assertEquals("webhook", failed.channel());
        assertTrue(failed.reason().contains("404"), failed.reason());
        assertEquals(1, receiver.requests(about(call)).size(), "one request, no retry");
        assertLedger(call, "FAILED", 1);
    }

    @Test
    @Order(4)
    void aRedeliveredEventSendsNoSecondMessage() throws Exception {
        CallReceived call = call("営業部");
        publish(Topics.CALL_EVENTS, call);
        publish(Topics.CALL_EVENTS, call);

        receiver.await(about(call), 1, WAIT);
        event(call, "NotificationSent");
        Thread.sleep(3000);

        assertEquals(1, receiver.requests(about(call)).size());
        assertEquals(1, Ledger.messagesOfCall(call.callId()).size());
    }

    @Test
    @Order(5)
    void eachAddresseesCallsGoWhereTheirRouteSends() throws Exception {
        Reported reported = reported("営業部");
        CallReceived toChannel = reported.call();
        CallReceived toEmail = mailed("経理部");

        JsonNode body = JSON.readTree(reported.request().body());
        NotificationSent sent = assertInstanceOf(NotificationSent.class, event(toChannel, "NotificationSent"));
        Thread.sleep(2000);

        assertEquals("hanako-in-hook", body.at("/report/mention").asText(), "the route's person is mentioned");
        assertEquals("webhook", sent.channel());
        assertEquals("channel:sales:contact:hanako", sent.recipient());
        assertTrue(mailsAbout(toChannel.callId()).isEmpty(), "the channel's call sends no email");
        assertEquals(List.of("taro@chat.example"), mailsAbout(toEmail.callId()).get(0).to());
        assertTrue(receiver.requests(about(toEmail)).isEmpty(), "the email's call goes to no channel");
    }

    @Test
    @Order(6)
    void aCallNobodyAcknowledgedGetsOneRepeatNoticeWhereItsReportWent() throws Exception {
        CallReceived toChannel = reported("営業部").call();
        CallReceived toEmail = mailed("経理部");

        for (CallReceived call : List.of(toChannel, toEmail)) {
            CallbackUnacknowledged unacknowledged = CallbackUnacknowledged.of(TENANT, call.callId(), Instant.now(),
                    Instant.now().minusSeconds(900), call.call().callback().dueAt());
            publish(Topics.DEADLINE_EVENTS, unacknowledged);
            publish(Topics.DEADLINE_EVENTS, unacknowledged);
        }
        receiver.await(about(toChannel).and(r -> r.body().contains("REPEAT_NOTICE")), 1, WAIT);
        mail.awaitMessages(m -> m.textBody().contains(toEmail.callId()) && m.subject().startsWith("再通知："), 1,
                WAIT);
        Thread.sleep(3000);

        List<ChatReceiver.Request> repeats = receiver.requests(about(toChannel)
                .and(r -> r.body().contains("REPEAT_NOTICE")));
        assertEquals(1, repeats.size(), "one repeat notice, however often its event came");
        JsonNode repeat = JSON.readTree(repeats.get(0).body());
        assertEquals("REPEAT_NOTICE", repeat.get("type").asText());
        assertTrue(repeat.at("/report/title").asText().startsWith("再通知："), repeat.at("/report/title").asText());
        assertEquals(1, mailsAbout(toEmail.callId()).stream().filter(m -> m.subject().startsWith("再通知：")).count());
    }

    @Test
    @Order(7)
    void theWebhookIsSignedSoAReceiverRejectsAnAlteredBodyAndAReplay() throws Exception {
        Reported reported = reported("営業部");
        ChatReceiver.Request request = reported.request();

        assertEquals(200, request.status(), "the receiver verified the signature");
        JsonNode body = JSON.readTree(request.body());
        String messageId = body.get("id").asText();
        assertEquals("application/json", request.headers().get("content-type"));
        assertEquals(messageId, request.headers().get("idempotency-key"));
        assertEquals("REPORT", body.get("type").asText());
        assertEquals(reported.call().callId(), body.get("callId").asText());
        assertEquals("CallReceived", body.at("/event/type").asText());
        assertTrue(body.at("/report/title").asText().contains("山田 太郎"), body.at("/report/title").asText());
        assertTrue(body.at("/report/text").asText().contains("見積もりの件"));
        assertEquals(3, body.at("/report/actions").size(), "view, acknowledge, mark done");
        for (JsonNode action : body.at("/report/actions")) {
            assertTrue(linkPayload(action.get("url").asText()).endsWith("|" + messageId),
                    "every link names its message");
        }
        String signature = request.headers().get("orikaeshi-signature");
        assertTrue(signature.matches("t=\\d+,v1=[0-9a-f]{64}"), signature);

        assertEquals(401, receiver.post("/sales", signature, request.body().replace("山田", "田中")),
                "an altered body does not verify");
        long old = Instant.now().minusSeconds(600).getEpochSecond();
        String replayed = "t=" + old + ",v1=" + ChatReceiver.hmac(SECRETS.get("sales"), old + "." + request.body());
        assertEquals(401, receiver.post("/sales", replayed, request.body()), "a replay of an old request is refused");
        long now = Instant.now().getEpochSecond();
        String fresh = "t=" + now + ",v1=" + ChatReceiver.hmac(SECRETS.get("sales"), now + "." + request.body());
        assertEquals(200, receiver.post("/sales", fresh, request.body()), "the same check passes a genuine one");
    }

    @Test
    @Order(8)
    void duringARotationTheRotatedOutSecretStillVerifies() throws Exception {
        ChatReceiver.Request request = reported("rotating").request();

        assertEquals(200, request.status(), "a receiver that knows only the old secret verifies");
        assertTrue(request.headers().get("orikaeshi-signature").matches("t=\\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}"));
    }

    @Test
    @Order(9)
    void aMaskedChannelHidesTheCallerAndMasksTheNumber() throws Exception {
        String body = reported("総務部").request().body();
        JsonNode json = JSON.readTree(body);

        assertFalse(body.contains("山田"), "no caller name anywhere: " + body);
        assertFalse(body.contains("1234"), "no full number anywhere");
        assertFalse(body.contains("+81"), "no full number anywhere");
        assertTrue(body.contains("090-****-5678"), body);
        assertTrue(json.at("/report/text").asText().contains("見積もりの件"), "the purpose is still told");
        assertEquals(3, json.at("/report/actions").size());
    }

    @Test
    @Order(10)
    void aLinkOnlyChannelHearsOnlyThatACallCameAndTheLinkToIt() throws Exception {
        String body = reported("人事部").request().body();
        JsonNode json = JSON.readTree(body);

        assertEquals("人事部宛にお電話がありました", json.at("/report/title").asText());
        assertEquals(0, json.at("/report/fields").size());
        assertEquals(1, json.at("/report/actions").size(), "only the view link");
        assertEquals("view", linkPayload(json.at("/report/actions/0/url").asText()).split("\\|")[2].toLowerCase());
        assertFalse(body.contains("山田") || body.contains("5678") || body.contains("見積もり"), body);
    }

    @Test
    @Order(11)
    void aChannelWhoseSecretCannotBeOpenedFailsItsMessageWithTheReason() throws Exception {
        CallReceived call = call("broken");
        publish(Topics.CALL_EVENTS, call);

        NotificationFailed failed = assertInstanceOf(NotificationFailed.class, event(call, "NotificationFailed"));

        assertTrue(failed.reason().contains("secret of channel broken cannot be opened"), failed.reason());
        assertTrue(receiver.requests(r -> r.path().equals("/broken")).isEmpty());
    }

    @Test
    @Order(12)
    void aServiceAccountChannelObtainsATokenAndPostsWithIt() throws Exception {
        CallReceived call = publishedFor("ワークス");

        LineWorksServer.Post post = awaitPosts(postAbout(call), 1).get(0);
        NotificationSent sent = assertInstanceOf(NotificationSent.class, event(call, "NotificationSent"));

        List<LineWorksServer.TokenRequest> tokens = tokenRequests("works-client");
        assertEquals(1, tokens.size(), "one token asked for");
        assertEquals(List.of(), tokens.get(0).problems(), "the JWT verified with the account's public key");
        assertEquals(201, post.status());
        assertEquals("/bots/2000001/channels/works-room/messages", post.path());
        assertEquals("Bearer " + works.issued().get(0), post.authorization(), "posted with the token obtained");
        assertEquals("line_works", sent.channel());
    }

    @Test
    @Order(13)
    void aSecondMessageReusesTheToken() throws Exception {
        CallReceived call = publishedFor("ワークス");

        LineWorksServer.Post post = awaitPosts(postAbout(call), 1).get(0);

        assertEquals(201, post.status());
        assertEquals("Bearer " + works.issued().get(0), post.authorization());
        assertEquals(1, tokenRequests("works-client").size(), "the token of the first message, not a new one");
    }

    @Test
    @Order(14)
    void aTokenTheBotApiRefusesIsReplacedAndTheMessageDeliveredOnce() throws Exception {
        works.revokeAll();
        CallReceived call = publishedFor("ワークス");

        awaitPosts(postAbout(call).and(p -> p.status() == 201), 1);
        NotificationDeferred deferred = assertInstanceOf(NotificationDeferred.class,
                event(call, "NotificationDeferred"));
        event(call, "NotificationSent");
        Thread.sleep(3000);

        List<LineWorksServer.Post> posts = works.posts().stream().filter(postAbout(call)).toList();
        assertEquals(List.of(401, 201), posts.stream().map(LineWorksServer.Post::status).toList());
        assertEquals("Bearer " + works.issued().get(0), posts.get(0).authorization());
        List<LineWorksServer.TokenRequest> tokens = tokenRequests("works-client");
        assertEquals(2, tokens.size(), "a new token after the refusal, and only one");
        assertEquals(List.of(), tokens.get(1).problems());
        assertEquals("Bearer " + works.issued().get(1), posts.get(1).authorization());
        assertTrue(deferred.reason().contains("401"), deferred.reason());
        assertEquals(1, count(call, "NotificationSent"));
        assertLedger(call, "SENT", 2);
    }

    @Test
    @Order(15)
    void aCredentialTheAuthServerRefusesFailsTheMessageWithAReasonShowingNoSecret() throws Exception {
        CallReceived call = publishedFor("ワークス旧");

        NotificationFailed failed = assertInstanceOf(NotificationFailed.class, event(call, "NotificationFailed"));
        Thread.sleep(4000);

        assertEquals("line_works", failed.channel());
        assertTrue(failed.reason().contains("HTTP 400 invalid_client"), failed.reason());
        for (String secret : List.of(REVOKED_CLIENT_SECRET, "PRIVATE KEY", keyLine(), "assertion")) {
            assertFalse(failed.reason().contains(secret), failed.reason());
        }
        assertEquals(1, tokenRequests("revoked-client").size(), "refused at once, no retry");
        assertTrue(works.posts().stream().noneMatch(p -> p.path().contains("revoked-room")), "nothing posted");
        assertFalse(assertLedger(call, "FAILED", 1).lastError().contains(REVOKED_CLIENT_SECRET));
    }

    @Test
    @Order(100)
    void noSecretEverShowsInLogsEventsOrTheLedger() throws Exception {
        CallReceived call = call("gone404");
        publish(Topics.CALL_EVENTS, call);
        event(call, "NotificationFailed");

        List<String> events = kafka.readAll(Topics.NOTIFICATION_EVENTS, Duration.ofSeconds(2)).stream()
                .map(ConsumerRecord::value).toList();
        List<String> logs;
        synchronized (LOGS) {
            logs = List.copyOf(LOGS);
        }
        assertFalse(logs.isEmpty(), "the service's logs were captured");
        List<String> secrets = new ArrayList<>(SECRETS.values());
        secrets.addAll(works.issued());
        for (String secret : secrets) {
            assertTrue(logs.stream().noneMatch(l -> l.contains(secret)), "a secret in the logs");
            assertTrue(events.stream().noneMatch(e -> e.contains(secret)), "a secret in an event");
            for (String callId : receiver.requests(r -> true).stream().map(this::callIdOf).distinct().toList()) {
                assertTrue(Ledger.messagesOfCall(callId).stream().noneMatch(m -> String.valueOf(m.chatJson())
                        .contains(secret) || String.valueOf(m.lastError()).contains(secret)), "a secret in the ledger");
            }
        }
    }

    private String callIdOf(ChatReceiver.Request request) {
        try {
            return JSON.readTree(request.body()).path("callId").asText("");
        } catch (Exception e) {
            return "";
        }
    }

    private TenantProfile.Channel webhook(String id, PersonalData level) {
        String secret = "whsec_" + UUID.randomUUID();
        SECRETS.put(id, secret);
        receiver.verifiesWith("/" + id, secret);
        return new TenantProfile.Channel(id, ChannelType.WEBHOOK, Optional.of(receiver.url("/" + id)),
                Optional.empty(), Optional.of(box.seal(secret)), Optional.empty(), Optional.empty(), level);
    }

    /** The call's one ledger row has that status after that many attempts. */
    private static Ledger.Message assertLedger(CallReceived call, String status, int attempts) {
        Ledger.Message row = Ledger.messagesOfCall(call.callId()).get(0);
        assertEquals(status, row.status());
        assertEquals(attempts, row.attempts());
        return row;
    }

    /** A LINE WORKS room whose secret is a service account the LINE WORKS server knows, with its own room. */
    private TenantProfile.Channel lineWorks(String id, String clientId, String clientSecret) {
        if (works == null) {
            works = new LineWorksServer(URI.create(worksAuthUrl).getPort());
        }
        String serviceAccount = id + ".serviceaccount@chat.example";
        works.knows(new LineWorksServer.Account(clientId, clientSecret, serviceAccount, "bot", WORKS_KEYS.getPublic()));
        if (id.equals("works-revoked")) {
            // As the auth server may: the reason it gives repeats what it was sent.
            works.refuses(clientId, 400, "{\"error\":\"invalid_client\",\"error_description\":\"client_secret "
                    + clientSecret + " is not valid\"}");
        }
        SECRETS.put(id + "-client-secret", clientSecret);
        SECRETS.put(id + "-key", keyLine());
        String credential = ServiceAccountKeys.credential(clientId, clientSecret, serviceAccount,
                ServiceAccountKeys.pem(WORKS_KEYS.getPrivate()), null);
        String room = id.equals("works") ? "works-room" : "revoked-room";
        return new TenantProfile.Channel(id, ChannelType.LINE_WORKS, Optional.of(works.url()),
                Optional.of("2000001/channels/" + room), Optional.of(box.seal(credential)), Optional.empty(),
                Optional.empty(), PersonalData.ALL);
    }

    /** One line of the private key's PEM: any part of the key in a log or event shows as this. */
    private static String keyLine() {
        return ServiceAccountKeys.pem(WORKS_KEYS.getPrivate()).lines().skip(5).findFirst().orElseThrow();
    }

    private static List<LineWorksServer.TokenRequest> tokenRequests(String clientId) {
        return works.tokenRequests().stream().filter(r -> clientId.equals(r.form().get("client_id"))).toList();
    }

    /** A call for the addressee, its purpose its own, published. */
    private static CallReceived publishedFor(String addressee) {
        CallReceived call = call(addressee, purpose());
        publish(Topics.CALL_EVENTS, call);
        return call;
    }

    /** A purpose no other call has: a LINE WORKS message shows it, where the call id is not. */
    private static String purpose() {
        return "quote-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static java.util.function.Predicate<LineWorksServer.Post> postAbout(CallReceived call) {
        String purpose = call.call().purpose().value();
        return p -> p.body().contains(purpose);
    }

    private static List<LineWorksServer.Post> awaitPosts(java.util.function.Predicate<LineWorksServer.Post> match,
            int count) throws InterruptedException {
        Instant until = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(until)) {
            List<LineWorksServer.Post> found = works.posts().stream().filter(match).toList();
            if (found.size() >= count) {
                return found;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("expected " + count + " LINE WORKS post(s) within " + WAIT);
    }

    /** A channel whose secret was just rotated; its receiver has not learnt the new one yet. */
    private TenantProfile.Channel rotating() {
        String current = "whsec_" + UUID.randomUUID();
        String previous = "whsec_" + UUID.randomUUID();
        SECRETS.put("rotating", current);
        SECRETS.put("rotating-previous", previous);
        receiver.verifiesWith("/rotating", previous);
        return new TenantProfile.Channel("rotating", ChannelType.WEBHOOK, Optional.of(receiver.url("/rotating")),
                Optional.empty(), Optional.of(box.seal(current)), Optional.of(box.seal(previous)),
                Optional.of(Instant.now().plus(Duration.ofHours(1))), PersonalData.ALL);
    }

    private static TenantProfile.Route route(String addressee, String recipient) {
        return new TenantProfile.Route(Optional.of(addressee), Optional.empty(), List.of(recipient));
    }

    /** A call for {@code addressee} of the chat tenant, a callback promised in an hour. */
    private static CallReceived call(String addressee) {
        return call(addressee, "見積もりの件");
    }

    private static CallReceived call(String addressee, String purpose) {
        CallDetails details = new CallDetails(Instant.now(), "op-1", "tokyo-1", addressee,
                CapturedItem.provided("山田 太郎"), CapturedItem.provided(purpose),
                CapturedItem.provided("+819012345678"), Urgency.NORMAL, null,
                new CallbackPromise(Instant.now().plusSeconds(3600), "佐藤"));
        return CallReceived.of(TENANT, UUID.randomUUID().toString(), Instant.now(), details);
    }

    private record Reported(CallReceived call, ChatReceiver.Request request) {
    }

    /** A call for the addressee, reported: the first request its channel received. */
    private static Reported reported(String addressee) throws InterruptedException {
        CallReceived call = call(addressee);
        publish(Topics.CALL_EVENTS, call);
        return new Reported(call, receiver.await(about(call), 1, WAIT).get(0));
    }

    /** A call for the addressee, reported by email. */
    private static CallReceived mailed(String addressee) {
        CallReceived call = call(addressee);
        publish(Topics.CALL_EVENTS, call);
        mail.awaitMessages(m -> m.textBody().contains(call.callId()), 1, WAIT);
        return call;
    }

    private static java.util.function.Predicate<ChatReceiver.Request> about(CallReceived call) {
        return r -> r.body().contains(call.callId());
    }

    private static io.orikaeshi.events.OrikaeshiEvent event(CallReceived call, String type) {
        return EventCodec.fromJson(events(call, type).get(0));
    }

    private static List<String> events(CallReceived call, String type) {
        return kafka.poll(Topics.NOTIFICATION_EVENTS,
                r -> call.callId().equals(r.key()) && r.value().contains("\"" + type + "\""), 1, WAIT).stream()
                .map(ConsumerRecord::value).toList();
    }

    /** How many events of the type the call has on the topic, all of it read. */
    private static long count(CallReceived call, String type) {
        return kafka.readAll(Topics.NOTIFICATION_EVENTS, Duration.ofSeconds(1)).stream()
                .filter(r -> call.callId().equals(r.key()) && r.value().contains("\"" + type + "\"")).count();
    }

    /** What a signed link's token says: tenant|call|action|expiry|message. */
    private static String linkPayload(String url) {
        String token = url.substring(url.lastIndexOf('/') + 1);
        return new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
    }
}
