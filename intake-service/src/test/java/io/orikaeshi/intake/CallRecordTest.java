package io.orikaeshi.intake;

import io.orikaeshi.events.AssigneeKind;
import io.orikaeshi.events.CallDirection;
import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackChased;
import io.orikaeshi.events.CaptureStatus;
import io.orikaeshi.events.PromiseKind;
import io.orikaeshi.infra.testing.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static io.orikaeshi.intake.IntakeApi.act;
import static io.orikaeshi.intake.IntakeApi.allPublished;
import static io.orikaeshi.intake.IntakeApi.callFrom;
import static io.orikaeshi.intake.IntakeApi.created;
import static io.orikaeshi.intake.IntakeApi.inMinutes;
import static io.orikaeshi.intake.IntakeApi.post;
import static io.orikaeshi.intake.IntakeApi.published;
import static io.orikaeshi.intake.IntakeApi.asOperator;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The complete call record: promise kinds, hearing items, outbound calls, chases and idempotent retries. */
@QuarkusTest
class CallRecordTest {

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.onTestInfrastructure();

    private static String withCallback(String number, String callback) {
        return callFrom(number, null).replaceFirst("\"callback\": \\{[^}]*\\}", "\"callback\": " + callback);
    }

    @Test
    void withinPromiseIsDueThatLongAfterTheCallWasReceived() {
        String callId = created("acme-jp", withCallback("03-2222-0001", "{\"within\": \"PT30M\"}"));

        CallReceived event = published(kafka, callId, CallReceived.class);

        assertEquals(PromiseKind.WITHIN, event.call().callback().kind());
        assertEquals(Duration.ofMinutes(30),
                Duration.between(event.call().receivedAt(), event.call().callback().dueAt()));
    }

    @Test
    void windowPromiseKeepsItsStartAndIsDueAtItsEnd() {
        String start = inMinutes(120);
        String end = inMinutes(300);
        String callId = created("acme-jp", withCallback("03-2222-0002",
                "{\"kind\": \"WINDOW\", \"notBefore\": \"" + start + "\", \"dueAt\": \"" + end + "\"}"));

        CallReceived event = published(kafka, callId, CallReceived.class);

        assertEquals(PromiseKind.WINDOW, event.call().callback().kind());
        assertEquals(java.time.OffsetDateTime.parse(start).toInstant(), event.call().callback().notBefore());
        assertEquals(java.time.OffsetDateTime.parse(end).toInstant(), event.call().callback().dueAt());
        post("acme-jp", withCallback("03-2222-0002",
                "{\"kind\": \"WINDOW\", \"notBefore\": \"" + end + "\", \"dueAt\": \"" + start + "\"}"))
                .statusCode(422).body("errors.field", hasItem("callback.notBefore"));
        post("acme-jp", withCallback("03-2222-0002", "{\"kind\": \"WINDOW\", \"dueAt\": \"" + end + "\"}"))
                .statusCode(422).body("errors.field", hasItem("callback.notBefore"));
    }

    // The tenant's default and the next business day, on fixed dates: PromiseRulesTest (a call received days ago
    // would now be refused, its due time being past).

    @Test
    void promiseWithoutAssigneeGoesToTheTenantsPool() {
        String callId = created("acme-jp", withCallback("03-2222-0003", "{\"dueAt\": \"" + inMinutes(60) + "\"}"));

        CallReceived event = published(kafka, callId, CallReceived.class);

        assertEquals("受付チーム", event.call().callback().assignee());
        assertEquals(AssigneeKind.POOL, event.call().callback().assigneeKind());
    }

    @Test
    void hearingItemsOfThePlanAreCarriedAndOthersRejected() {
        String callId = created("acme-jp", callFrom("03-2222-0004",
                "\"hearingItems\": [{\"item\": \"ご希望の折り返し時間帯\", \"status\": \"PROVIDED\", \"value\": \"15時以降\"}]"));

        CallReceived event = published(kafka, callId, CallReceived.class);
        assertEquals("ご希望の折り返し時間帯", event.call().hearingItems().get(0).item());
        assertEquals("15時以降", event.call().hearingItems().get(0).answer().value());

        post("acme-jp", callFrom("03-2222-0004",
                "\"hearingItems\": [{\"item\": \"ご年齢\", \"status\": \"PROVIDED\", \"value\": \"40\"}]"))
                .statusCode(422).body("errors.field", hasItem("hearingItems[0].item"));
        post("globex-us", callFrom("+1 212 555 0100",
                "\"hearingItems\": [{\"item\": \"ご希望の折り返し時間帯\", \"status\": \"DECLINED\"}]"))
                .statusCode(422).body("errors.field", hasItem("hearingItems[0].item"));
    }

    @Test
    void outboundFollowUpIsRecordedOnTheSameMachinery() {
        String callId = created("acme-jp", callFrom("03-2222-0005", "\"direction\": \"OUTBOUND\""));

        CallReceived event = published(kafka, callId, CallReceived.class);

        assertEquals(CallDirection.OUTBOUND, event.call().direction());
        assertEquals(PromiseKind.BY_TIME, event.call().callback().kind());
    }

    @Test
    void callFromANumberWithAnOpenPromiseIsLinkedAsAChase() {
        String first = created("acme-jp", callFrom("03-3333-0001", null));

        String chase = created("acme-jp", callFrom("0333330001", null));
        String again = created("acme-jp", callFrom("+81 3-3333-0001", null));

        asOperator("acme-jp").when().get("/tenants/acme-jp/calls/{id}", chase).then().body("chaseOf", equalTo(first));
        asOperator("acme-jp").when().get("/tenants/acme-jp/calls/{id}", first).then().body("chaseCount", equalTo(2));
        assertEquals(first, published(kafka, chase, CallReceived.class).call().chaseOf());
        java.util.List<CallbackChased> chases = allPublished(kafka, first).stream()
                .filter(CallbackChased.class::isInstance).map(CallbackChased.class::cast).toList();
        assertEquals(java.util.List.of(chase, again), chases.stream().map(CallbackChased::chaseCallId).toList());
        assertEquals(java.util.List.of(1, 2), chases.stream().map(CallbackChased::chaseCount).toList());
    }

    @Test
    void callAfterThePromiseWasKeptIsNotAChase() {
        String first = created("acme-jp", callFrom("03-3333-0002", null));
        act("acme-jp", first, "completion", "{}").statusCode(200);

        String later = created("acme-jp", callFrom("03-3333-0002", null));

        assertNull(published(kafka, later, CallReceived.class).call().chaseOf());
    }

    @Test
    void aNumberWithAnOpenPromiseAtAnotherTenantIsNotAChase() {
        created("globex-us", callFrom("+81 3-3333-0003", null));

        String call = created("acme-jp", callFrom("03-3333-0003", null));

        assertNull(published(kafka, call, CallReceived.class).call().chaseOf());
    }

    @Test
    void retriedPostWithTheSameIdempotencyKeyReturnsTheFirstCallAndCreatesNothing() {
        String body = callFrom("03-4444-0001", null);
        String first = asOperator("acme-jp").contentType(ContentType.JSON)
                .header("Idempotency-Key", "op7-20261123-0001").body(body)
                .when().post("/tenants/acme-jp/calls").then().statusCode(201)
                .header("Idempotent-Replayed", "false").extract().path("callId");

        asOperator("acme-jp").contentType(ContentType.JSON).header("Idempotency-Key", "op7-20261123-0001").body(body)
                .when().post("/tenants/acme-jp/calls").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("callId", equalTo(first));

        asOperator("acme-jp").contentType(ContentType.JSON).header("Idempotency-Key", "op7-20261123-0001")
                .body(body.replace("見積もりの件", "別の用件"))
                .when().post("/tenants/acme-jp/calls").then().statusCode(422)
                .body("errors.field", hasItem("Idempotency-Key"));
        assertEquals(1, allPublished(kafka, first).size(), "one CallReceived, no chase of itself");
        asOperator("acme-jp").when().get("/tenants/acme-jp/calls/{id}", first).then().body("chaseCount", equalTo(0));
    }

    @Test
    void theSameIdempotencyKeyOfAnotherTenantIsAnotherRequest() {
        String body = callFrom("03-4444-0002", null);
        String acme = asOperator("acme-jp").contentType(ContentType.JSON).header("Idempotency-Key", "shared-key")
                .body(body)
                .when().post("/tenants/acme-jp/calls").then().statusCode(201).extract().path("callId");

        String globex = asOperator("globex-us").contentType(ContentType.JSON).header("Idempotency-Key", "shared-key")
                .body(callFrom("+1 212 555 0101", null))
                .when().post("/tenants/globex-us/calls").then().statusCode(201)
                .header("Idempotent-Replayed", "false").extract().path("callId");

        org.junit.jupiter.api.Assertions.assertNotEquals(acme, globex);
    }

    @Test
    void everyCaptureStatusIsAcceptedForEveryItem() {
        for (CaptureStatus status : CaptureStatus.values()) {
            String item = status == CaptureStatus.PROVIDED ? null : "{\"status\": \"" + status + "\"}";
            String body = item == null
                    ? callFrom("03-5555-0001", null)
                    : callFrom("03-5555-0001", null).replace(IntakeApi.provided("山田 太郎"), item)
                            .replace(IntakeApi.provided("見積もりの件"), item)
                            .replace(IntakeApi.provided("03-5555-0001"), item);
            String callId = created("acme-jp", body);
            CallReceived event = published(kafka, callId, CallReceived.class);
            assertEquals(status, event.call().callerName().status());
            assertEquals(status, event.call().purpose().status());
            assertEquals(status, event.call().callbackNumber().status());
        }
    }
}
