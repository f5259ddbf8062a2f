package io.orikaeshi.reporting;

import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.EventFixtures;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.events.Topics;
import io.orikaeshi.reporting.support.Stream;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;

import static io.orikaeshi.reporting.support.Api.asClient;
import static io.orikaeshi.reporting.support.Stream.eventually;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class CallLogTest {

    private static void publish(String topic, OrikaeshiEvent event) {
        Stream.client().send(topic, event.key(), EventCodec.toJson(event));
    }

    private static void callback(String tenant, String callId, Consumer<ValidatableResponse> check) {
        eventually(() -> check
                .accept(asClient(tenant).when().get("/tenants/{t}/callbacks?limit=1000", tenant).then().statusCode(200)
                        .rootPath("find { it.callId == '" + callId + "' }")));
    }

    @Test
    void callbackGoesFromOpenToOverdueToCompleted() {
        String callId = EventFixtures.newCallId();
        Instant due = Instant.now().plusSeconds(600).truncatedTo(ChronoUnit.MILLIS);
        publish(Topics.CALL_EVENTS, EventFixtures.callReceived("acme-jp", callId, due));

        eventually(() -> asClient("acme-jp").when().get("/tenants/acme-jp/calls").then().statusCode(200)
                .rootPath("find { it.callId == '" + callId + "' }")
                .body("callerName.status", equalTo("PROVIDED"))
                .body("callerName.value", equalTo("山田 太郎"))
                .body("callbackNumber.value", equalTo("+81312345678"))
                .body("addressee", equalTo("佐藤")));
        callback("acme-jp", callId, r -> r.body("callback.status", equalTo("OPEN")));

        publish(Topics.DEADLINE_EVENTS, EventFixtures.overdue("acme-jp", callId, due));
        callback("acme-jp", callId, r -> r.body("callback.status", equalTo("OVERDUE")));
        eventually(
                () -> asClient("acme-jp").when().get("/tenants/acme-jp/callbacks?status=overdue").then().statusCode(200)
                        .body("callId", hasItem(callId)));

        publish(Topics.CALL_EVENTS, EventFixtures.completed("acme-jp", callId));
        callback("acme-jp", callId, r -> r.body("callback.status", equalTo("COMPLETED")));
        asClient("acme-jp").when().get("/tenants/acme-jp/callbacks?status=open").then().statusCode(200)
                .body("callId", not(hasItem(callId)));
    }

    @Test
    void eventsArrivingOutOfOrderAcrossTopicsGiveTheSameRow() {
        String callId = EventFixtures.newCallId();
        Instant due = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        CallReceived received = EventFixtures.callReceived("acme-jp", callId, due);
        publish(Topics.DEADLINE_EVENTS, EventFixtures.overdue("acme-jp", callId, due));
        callback("acme-jp", callId, r -> r.body("callback.status", equalTo("OVERDUE")));

        publish(Topics.CALL_EVENTS, received);
        publish(Topics.CALL_EVENTS, received);

        callback("acme-jp", callId, r -> r.body("callback.status", equalTo("OVERDUE"))
                .body("callerName.value", equalTo("山田 太郎"))
                .body("callback.assignee", equalTo("佐藤")));
    }

    @Test
    void callWithoutPromiseIsLoggedButIsNotACallback() {
        String callId = EventFixtures.newCallId();
        publish(Topics.CALL_EVENTS, EventFixtures.callReceived("acme-jp", callId, (Instant) null));

        eventually(() -> asClient("acme-jp").when().get("/tenants/acme-jp/calls").then().statusCode(200)
                .body("callId", hasItem(callId)));
        asClient("acme-jp").when().get("/tenants/acme-jp/callbacks").then().statusCode(200).body("callId",
                not(hasItem(callId)));
    }

    @Test
    void aTenantSeesOnlyItsOwnCalls() {
        String callId = EventFixtures.newCallId();
        publish(Topics.CALL_EVENTS, EventFixtures.callReceived("globex-us", callId, Instant.now().plusSeconds(600)));

        eventually(() -> asClient("globex-us").when().get("/tenants/globex-us/calls").then().body("callId",
                hasItem(callId)));

        asClient("acme-jp").when().get("/tenants/acme-jp/calls").then().statusCode(200).body("callId",
                not(hasItem(callId)));
        asClient("acme-jp").when().get("/tenants/acme-jp/callbacks").then().statusCode(200).body("callId",
                not(hasItem(callId)));
    }

    @Test
    void unknownTenantIsNotFoundAndAnUnknownStatusIsABadRequest() {
        asClient("acme-jp").when().get("/tenants/nobody/calls").then().statusCode(404)
                .contentType("application/problem+json");
        asClient("acme-jp").when().get("/tenants/acme-jp/callbacks?status=lost").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", equalTo(List.of("status")));
        asClient("acme-jp").when().get("/tenants/acme-jp/calls?limit=0").then().statusCode(422)
                .contentType("application/problem+json");
    }
}
