package io.orikaeshi.intake;

import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackCompleted;
import io.orikaeshi.events.CaptureStatus;
import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.events.Topics;
import io.orikaeshi.infra.testing.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static io.orikaeshi.intake.IntakeApi.asOperator;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

@QuarkusTest
class CallIntakeTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.onTestInfrastructure();

    static String call(String name, String purpose, String number, String due) {
        return """
                {"operatorId": "op-7", "site": "tokyo-1", "addressee": "佐藤",
                 "callerName": %s, "purpose": %s, "callbackNumber": %s,
                 "urgency": "URGENT", "notes": "15時以降なら在席とのこと"%s}
                """.formatted(name, purpose, number,
                due == null ? "" : ", \"callback\": {\"dueAt\": \"" + due + "\", \"assignee\": \"佐藤\"}");
    }

    static String provided(String value) {
        return "{\"status\": \"PROVIDED\", \"value\": \"" + value + "\"}";
    }

    static String missing(CaptureStatus status) {
        return "{\"status\": \"" + status + "\"}";
    }

    static String inAnHour() {
        return OffsetDateTime.now(ZoneOffset.ofHours(9)).plusHours(1).withNano(0).toString();
    }

    private String post(String tenant, String body) {
        return asOperator(tenant).contentType(ContentType.JSON).body(body)
                .when().post("/tenants/{tenant}/calls", tenant)
                .then().statusCode(201)
                .header("Location", startsWith("http"))
                .extract().path("callId");
    }

    private OrikaeshiEvent published(String callId, String type) {
        List<ConsumerRecord<String, String>> records = kafka.poll(Topics.CALL_EVENTS,
                r -> callId.equals(r.key()) && r.value().contains("\"type\":\"" + type + "\""), 1, WAIT);
        return EventCodec.fromJson(records.get(0).value());
    }

    @Test
    void acceptedCallIsPublishedKeyedByCallIdWithTheNumberInE164() {
        String due = inAnHour();
        String callId = post("acme-jp", call(provided("山田 太郎"), provided("見積もりの件"), provided("03-1234-5678"), due));

        CallReceived event = assertInstanceOf(CallReceived.class, published(callId, "CallReceived"));

        assertEquals("acme-jp", event.tenantId());
        assertEquals("+81312345678", event.call().callbackNumber().value());
        assertEquals("山田 太郎", event.call().callerName().value());
        assertEquals(OffsetDateTime.parse(due).toInstant(), event.call().callback().dueAt());
        asOperator("acme-jp").when().get("/tenants/acme-jp/calls/{id}", callId)
                .then().statusCode(200).body("callbackStatus", equalTo("OPEN"));
    }

    @Test
    void itemsTheCallerDidNotGiveAreCarriedWithTheirReason() {
        String callId = post("acme-jp", call(missing(CaptureStatus.HUNG_UP), provided("請求書の件"),
                missing(CaptureStatus.DECLINED), null));

        CallReceived event = assertInstanceOf(CallReceived.class, published(callId, "CallReceived"));

        assertEquals(CaptureStatus.HUNG_UP, event.call().callerName().status());
        assertNull(event.call().callerName().value());
        assertEquals(CaptureStatus.DECLINED, event.call().callbackNumber().status());
        assertNull(event.call().callback(), "no callback was promised");
        String other = post("acme-jp", call(provided("鈴木"), missing(CaptureStatus.NOT_NEEDED),
                missing(CaptureStatus.NOT_NEEDED), null));
        assertEquals(CaptureStatus.NOT_NEEDED,
                ((CallReceived) published(other, "CallReceived")).call().purpose().status());
    }

    @Test
    void completingTheCallbackPublishesCompletionAndASecondCompletionConflicts() {
        String callId = post("acme-jp", call(provided("山田"), provided("納期"), provided("090-1234-5678"), inAnHour()));

        asOperator("acme-jp").contentType(ContentType.JSON).body("{\"completedBy\": \"佐藤\"}")
                .when().post("/tenants/acme-jp/calls/{id}/callback/completion", callId)
                .then().statusCode(200).body("callbackStatus", equalTo("COMPLETED"));

        CallbackCompleted completed = assertInstanceOf(CallbackCompleted.class, published(callId, "CallbackCompleted"));
        assertEquals("佐藤", completed.completedBy());
        asOperator("acme-jp").contentType(ContentType.JSON).body("{}")
                .when().post("/tenants/acme-jp/calls/{id}/callback/completion", callId)
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void callWithoutPromiseCannotBeCompleted() {
        String callId = post("acme-jp", call(provided("山田"), provided("納期"), provided("090-1234-5678"), null));

        asOperator("acme-jp").contentType(ContentType.JSON).body("{}")
                .when().post("/tenants/acme-jp/calls/{id}/callback/completion", callId)
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void providedItemWithoutValueIsRejectedNamingTheField() {
        asOperator("acme-jp").contentType(ContentType.JSON)
                .body(call("{\"status\": \"PROVIDED\"}", provided("用件"), missing(CaptureStatus.DECLINED), null))
                .when().post("/tenants/acme-jp/calls")
                .then().statusCode(422).contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("errors.field", hasItem("callerName.value"));
    }

    @Test
    void valueWithAStatusOtherThanProvidedIsRejected() {
        asOperator("acme-jp").contentType(ContentType.JSON)
                .body(call(provided("山田"), provided("用件"), "{\"status\": \"DECLINED\", \"value\": \"0312345678\"}",
                        null))
                .when().post("/tenants/acme-jp/calls")
                .then().statusCode(422).body("errors.field", hasItem("callbackNumber.value"));
    }

    @Test
    void numberThatIsNotAPhoneNumberOfTheTenantsRegionIsRejected() {
        asOperator("acme-jp").contentType(ContentType.JSON)
                .body(call(provided("山田"), provided("用件"), provided("12-34"), null))
                .when().post("/tenants/acme-jp/calls")
                .then().statusCode(422).body("errors.field", hasItem("callbackNumber.value"));
    }

    @Test
    void lineBreaksInANameAreRejectedBeforeTheyCanReachAnEmailHeader() {
        asOperator("acme-jp").contentType(ContentType.JSON)
                .body(call(provided("山田\\r\\nBcc: evil@example.com"), provided("用件"), provided("0312345678"), null))
                .when().post("/tenants/acme-jp/calls")
                .then().statusCode(422).body("errors.field", hasItem("callerName.value"));
    }

    @Test
    void missingItemsAndAPromiseInThePastAreReportedTogether() {
        String past = OffsetDateTime.now().minusHours(1).toString();
        asOperator("acme-jp").contentType(ContentType.JSON)
                .body("{\"callerName\": " + provided("山田") + ", \"callback\": {\"dueAt\": \"" + past + "\"}}")
                .when().post("/tenants/acme-jp/calls")
                .then().statusCode(422)
                .body("errors.field", hasItem("purpose"))
                .body("errors.field", hasItem("callbackNumber"));
        asOperator("acme-jp").contentType(ContentType.JSON)
                .body(call(provided("山田"), provided("用件"), provided("0312345678"), past))
                .when().post("/tenants/acme-jp/calls")
                .then().statusCode(422).body("errors.field", hasItem("callback.dueAt"));
    }

    @Test
    void aCallbackAlreadyDueIsRefusedNamingCallbackDueAtThoughItIsAfterReceivedAt() {
        // Received an hour ago, due half an hour ago: tracking it would send the overdue alert and every
        // escalation level at once.
        String body = call(provided("山田"), provided("用件"), provided("0312345678"),
                OffsetDateTime.now().minusMinutes(30).toString())
                .replaceFirst("\\{\"operatorId\"",
                        "{\"receivedAt\": \"" + OffsetDateTime.now().minusHours(1) + "\", \"operatorId\"");
        asOperator("acme-jp").contentType(ContentType.JSON).body(body)
                .when().post("/tenants/acme-jp/calls")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("callback.dueAt")))
                .body("errors[0].message", startsWith("is already past"));
    }

    @Test
    void malformedJsonIsABadRequestWithProblemDetails() {
        asOperator("acme-jp").contentType(ContentType.JSON).body("{\"callerName\": ")
                .when().post("/tenants/acme-jp/calls")
                .then().statusCode(400).contentType("application/problem+json");
        asOperator("acme-jp").contentType(ContentType.JSON)
                .body(call("{\"status\": \"MAYBE\"}", provided("用件"), provided("0312345678"), null))
                .when().post("/tenants/acme-jp/calls")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("callerName.status"));
    }

    @Test
    void wrongMediaTypeIsRefused() {
        asOperator("acme-jp").contentType(ContentType.TEXT).body("hello")
                .when().post("/tenants/acme-jp/calls")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void oversizedBodyIsRefused() {
        String notes = "あ".repeat(40_000);
        asOperator("acme-jp").contentType(ContentType.JSON)
                .body(call(provided("山田"), provided("用件"), provided("0312345678"), null).replace("15時以降なら在席とのこと",
                        notes))
                .when().post("/tenants/acme-jp/calls")
                .then().statusCode(413).contentType("application/problem+json")
                .body("title", equalTo("Content Too Large"));
    }

    @Test
    void aOneMegabyteBodyIsRefusedWithProblemDetails() {
        asOperator("acme-jp").contentType(ContentType.JSON).body("{\"notes\": \"" + "x".repeat(1_000_000) + "\"}")
                .when().post("/tenants/acme-jp/calls")
                .then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413)).body("instance", equalTo("/tenants/acme-jp/calls"));
    }

    @Test
    void frameworkRefusalsAnswerProblemDetailsToo() {
        // A method the path does not take (RESTEasy answers 404 there); 406: a representation the API cannot give;
        // 415 is above.
        asOperator("acme-jp").when().delete("/tenants/acme-jp/calls")
                .then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(404), equalTo(405)))
                .contentType("application/problem+json");
        asOperator("acme-jp").accept("text/csv").when().get("/tenants/acme-jp/calls/{id}", "nope")
                .then().statusCode(406).contentType("application/problem+json");
    }

    @Test
    void unknownTenantIsNotFound() {
        asOperator("acme-jp").contentType(ContentType.JSON)
                .body(call(provided("山田"), provided("用件"), provided("0312345678"), null))
                .when().post("/tenants/nobody/calls")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anotherTenantsCallIsNotFoundAndCannotBeCompleted() {
        String callId = post("acme-jp", call(provided("山田"), provided("用件"), provided("0312345678"), inAnHour()));

        asOperator("globex-us").when().get("/tenants/globex-us/calls/{id}", callId).then().statusCode(404);
        asOperator("globex-us").contentType(ContentType.JSON).body("{}")
                .when().post("/tenants/globex-us/calls/{id}/callback/completion", callId)
                .then().statusCode(404);
        asOperator("acme-jp").when().get("/tenants/acme-jp/calls/{id}", callId)
                .then().statusCode(200).body("callbackStatus", equalTo("OPEN"));
    }

    @Test
    void healthReportsUp() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
