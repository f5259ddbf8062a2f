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
import io.orikaeshi.notification.ChatReceiver.Answer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
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
    private static ChatReceiver receiver;
    private static boolean configured;

    @Inject
    SecretBox box;
    @Inject
    TenantDirectory tenants;

    @BeforeAll
    static void start() throws Exception {
        receiver = new ChatReceiver();
        Logger.getLogger("").addHandler(CAPTURE);
    }

    @AfterAll
    static void stop() {
        Logger.getLogger("").removeHandler(CAPTURE);
        receiver.close();
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
                rotating(),
                new TenantProfile.Channel("broken", ChannelType.WEBHOOK, Optional.of(receiver.url("/broken")),
                        Optional.empty(), Optional.of("sealed:v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), Optional.empty(),
                        Optional.empty(), PersonalData.ALL));
        List<TenantProfile.Route> routes = List.of(
                route("営業部", "channel:sales:contact:hanako"), route("経理部", "contact:taro"),
                route("retry429", "channel:c429"), route("retry500", "channel:c500"),
                route("gone404", "channel:c404"), route("総務部", "channel:masked"),
                route("人事部", "channel:linkonly"), route("rotating", "channel:rotating"),
                route("broken", "channel:broken"));
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
        Ledger.Message row = Ledger.messagesOfCall(call.callId()).get(0);
        assertEquals("SENT", row.status());
        assertEquals(3, row.attempts());
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
        Ledger.Message row = Ledger.messagesOfCall(call.callId()).get(0);
        assertEquals("FAILED", row.status());
        assertEquals(1, row.attempts());
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
        for (String secret : SECRETS.values()) {
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
        CallDetails details = new CallDetails(Instant.now(), "op-1", "tokyo-1", addressee,
                CapturedItem.provided("山田 太郎"), CapturedItem.provided("見積もりの件"),
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
