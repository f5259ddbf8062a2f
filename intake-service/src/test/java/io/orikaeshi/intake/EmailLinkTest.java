package io.orikaeshi.intake;

import io.orikaeshi.events.CallbackAcknowledged;
import io.orikaeshi.events.CallbackCompleted;
import io.orikaeshi.infra.testing.KafkaTestClient;
import io.orikaeshi.kit.links.LinkAction;
import io.orikaeshi.kit.links.LinkClaim;
import io.orikaeshi.kit.links.SignedLinks;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;

import static io.orikaeshi.intake.IntakeApi.allPublished;
import static io.orikaeshi.intake.IntakeApi.callFrom;
import static io.orikaeshi.intake.IntakeApi.created;
import static io.orikaeshi.intake.IntakeApi.published;
import static io.orikaeshi.intake.IntakeApi.asOperator;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class EmailLinkTest {

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.onTestInfrastructure();

    @Inject
    SignedLinks links;

    private String token(String tenant, String callId, LinkAction action, Instant expiry) {
        return links.sign(new LinkClaim(tenant, callId, action, expiry));
    }

    private static void statusIs(String callId, String status) {
        asOperator("acme-jp").when().get("/tenants/acme-jp/calls/{id}", callId).then().body("callbackStatus",
                equalTo(status));
    }

    @Test
    void completeLinkAsksFirstAndCompletesOnlyWhenConfirmed() {
        String callId = created("acme-jp", callFrom("03-7777-0001", null));
        String token = token("acme-jp", callId, LinkAction.COMPLETE, Instant.now().plusSeconds(3600));

        given().when().get("/links/{t}", token).then().statusCode(200).body(containsString("完了にしますか"));
        statusIs(callId, "OPEN");

        given().when().post("/links/{t}", token).then().statusCode(200).body(containsString("完了にしました"));
        statusIs(callId, "COMPLETED");
        assertEquals("email link", published(kafka, callId, CallbackCompleted.class).completedBy());
        given().when().post("/links/{t}", token).then().statusCode(409);
    }

    @Test
    void acknowledgeLinkOnlyAcknowledges() {
        String callId = created("acme-jp", callFrom("03-7777-0002", null));

        given().when()
                .post("/links/{t}", token("acme-jp", callId, LinkAction.ACKNOWLEDGE, Instant.now().plusSeconds(60)))
                .then().statusCode(200);

        assertEquals("email link", published(kafka, callId, CallbackAcknowledged.class).by());
        statusIs(callId, "OPEN");
    }

    @Test
    void expiredTamperedAndMisdirectedLinksChangeNothing() {
        String callId = created("acme-jp", callFrom("03-7777-0003", null));
        String expired = token("acme-jp", callId, LinkAction.COMPLETE, Instant.now().minusSeconds(1));
        String valid = token("acme-jp", callId, LinkAction.ACKNOWLEDGE, Instant.now().plusSeconds(60));
        String otherAction = token("acme-jp", callId, LinkAction.COMPLETE, Instant.now().plusSeconds(60));
        String tampered = otherAction.substring(0, otherAction.indexOf('.')) + valid.substring(valid.indexOf('.'));
        String otherTenant = token("globex-us", callId, LinkAction.COMPLETE, Instant.now().plusSeconds(60));

        given().when().post("/links/{t}", expired).then().statusCode(410);
        given().when().get("/links/{t}", expired).then().statusCode(410);
        given().when().post("/links/{t}", tampered).then().statusCode(403);
        given().when().post("/links/{t}", "not-a-token").then().statusCode(403);
        given().when().post("/links/{t}", otherTenant).then().statusCode(404);

        statusIs(callId, "OPEN");
        assertEquals(1, allPublished(kafka, callId).size(), "only CallReceived was published");
    }
}
