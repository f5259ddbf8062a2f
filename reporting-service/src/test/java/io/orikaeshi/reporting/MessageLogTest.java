package io.orikaeshi.reporting;

import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackAcknowledged;
import io.orikaeshi.events.NotificationDeferred;
import io.orikaeshi.events.NotificationSent;
import io.orikaeshi.events.NotificationViewed;
import io.orikaeshi.events.Topics;
import io.orikaeshi.reporting.support.Calls;
import io.orikaeshi.reporting.support.Stream;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

import static io.orikaeshi.reporting.support.Api.asClient;
import static io.orikaeshi.reporting.support.Stream.eventually;
import static io.orikaeshi.reporting.support.Stream.publish;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * The per-message delivery log: channel, outcome, sending, reading and acknowledgement of each message, whatever
 * order their events arrive in, and the board's receipt of the call. Calls are in a week of their own (2026-07).
 */
@QuarkusTest
class MessageLogTest {

    private static final Instant WEEK = Instant.parse("2026-07-13T00:00:00Z");

    private static void messages(String tenant, String callId, Consumer<ValidatableResponse> check) {
        eventually(() -> check.accept(asClient(tenant).get("/tenants/{t}/calls/{id}/messages", tenant, callId).then()
                .statusCode(200)));
    }

    @Test
    void aSlackMessageSentReadAndAcknowledgedThroughItsLinkShowsAllThreeAndTheBoardShowsTheReceipt() {
        Instant t = WEEK.plusSeconds(3600);
        CallReceived call = Calls.of("acme-jp", t).promised(t.plusSeconds(7200), "佐藤").event();
        String slack = "slack-" + call.callId();
        String email = "email-" + call.callId();
        publish(call,
                NotificationSent.of("acme-jp", call.callId(), t.plusSeconds(5), slack, "REPORT", "channel:sales",
                        "slack"),
                NotificationSent.of("acme-jp", call.callId(), t.plusSeconds(6), email, "REPORT", "sato@acme.example"),
                NotificationViewed.of("acme-jp", call.callId(), t.plusSeconds(60), slack),
                CallbackAcknowledged.of("acme-jp", call.callId(), t.plusSeconds(90), "佐藤", slack));

        messages("acme-jp", call.callId(), r -> r.body("callId", equalTo(call.callId()))
                .body("acknowledgedAt", equalTo(t.plusSeconds(90).toString())).body("acknowledgedBy", equalTo("佐藤"))
                .body("viewed", equalTo(true))
                .body("messages.messageId", contains(slack, email))
                .body("messages[0].channel", equalTo("slack")).body("messages[0].recipient", equalTo("channel:sales"))
                .body("messages[0].status", equalTo("SENT"))
                .body("messages[0].sentAt", equalTo(t.plusSeconds(5).toString()))
                .body("messages[0].viewedAt", equalTo(t.plusSeconds(60).toString()))
                .body("messages[0].acknowledgedAt", equalTo(t.plusSeconds(90).toString()))
                .body("messages[0].acknowledgedBy", equalTo("佐藤"))
                .body("messages[1].channel", equalTo("email")).body("messages[1].viewedAt", nullValue())
                .body("messages[1].acknowledgedAt", nullValue()));
        asClient("acme-jp").get("/tenants/acme-jp/calls/{id}/deliveries", call.callId()).then()
                .body("channel", contains("slack", "email"));
        eventually(() -> asClient("acme-jp").get("/tenants/acme-jp/board?limit=5000").then().statusCode(200)
                .rootPath("find { it.callId == '" + call.callId() + "' }")
                .body("acknowledgedAt", equalTo(t.plusSeconds(90).toString())).body("acknowledgedBy", equalTo("佐藤"))
                .body("viewed", equalTo(true)));
    }

    @Test
    void aReadingProjectedBeforeTheSendingStillEndsWithTheSendingAndTheReading() {
        Instant t = WEEK.plusSeconds(7200);
        CallReceived call = Calls.of("acme-jp", t).promised(t.plusSeconds(7200), "佐藤").event();
        String message = "teams-" + call.callId();
        publish(call, NotificationViewed.of("acme-jp", call.callId(), t.plusSeconds(40), message));
        messages("acme-jp", call.callId(), r -> r.body("messages", hasSize(1))
                .body("messages[0].viewedAt", equalTo(t.plusSeconds(40).toString()))
                .body("messages[0].status", nullValue()));

        publish(NotificationDeferred.of("acme-jp", call.callId(), t.plusSeconds(1), message, "REPORT", "channel:ops",
                "teams", t.plusSeconds(20), "429 Retry-After"),
                NotificationSent.of("acme-jp", call.callId(), t.plusSeconds(20), message, "REPORT", "channel:ops",
                        "teams"));

        messages("acme-jp", call.callId(), r -> r.body("messages", hasSize(1))
                .body("messages[0].channel", equalTo("teams")).body("messages[0].status", equalTo("SENT"))
                .body("messages[0].sentAt", equalTo(t.plusSeconds(20).toString()))
                .body("messages[0].reason", nullValue())
                .body("messages[0].viewedAt", equalTo(t.plusSeconds(40).toString())));
    }

    @Test
    void aVersionOneSendingWithoutAChannelIsAnEmail() {
        Instant t = WEEK.plusSeconds(10800);
        CallReceived call = Calls.of("globex-us", t).event();
        String message = "v1-" + call.callId();
        publish(call);
        Stream.client().send(Topics.NOTIFICATION_EVENTS, call.callId(), """
                {"type":"NotificationSent","eventId":"%s","version":1,"tenantId":"globex-us","callId":"%s",
                 "occurredAt":"%s","messageId":"%s","kind":"REPORT","recipient":"desk@globex.example"}
                """.formatted(UUID.randomUUID(), call.callId(), t.plusSeconds(3), message));

        messages("globex-us", call.callId(), r -> r.body("messages.channel", contains("email"))
                .body("messages[0].recipient", equalTo("desk@globex.example"))
                .body("messages[0].status", equalTo("SENT")));
        asClient("globex-us").get("/tenants/globex-us/calls/{id}/deliveries", call.callId()).then()
                .body("channel", contains("email"));
    }

    @Test
    void anAcknowledgementWithoutAMessageMarksTheCallOnlyAndAnotherTenantsKeySeesNothing() {
        Instant t = WEEK.plusSeconds(14400);
        CallReceived call = Calls.of("globex-us", t).promised(t.plusSeconds(3600), "Smith").event();
        String message = "mail-" + call.callId();
        publish(call, NotificationSent.of("globex-us", call.callId(), t.plusSeconds(2), message, "REPORT",
                "desk@globex.example"),
                CallbackAcknowledged.of("globex-us", call.callId(), t.plusSeconds(30), "Smith"));

        messages("globex-us", call.callId(), r -> r.body("acknowledgedAt", equalTo(t.plusSeconds(30).toString()))
                .body("acknowledgedBy", equalTo("Smith")).body("viewed", equalTo(false))
                .body("messages[0].acknowledgedAt", nullValue()));

        asClient("acme-jp").get("/tenants/acme-jp/calls/{id}/messages", call.callId()).then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("Call does not exist"));
        asClient("acme-jp").get("/tenants/globex-us/calls/{id}/messages", call.callId()).then().statusCode(404)
                .contentType("application/problem+json");
    }
}
