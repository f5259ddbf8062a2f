package io.orikaeshi.intake;

import io.orikaeshi.events.AssigneeKind;
import io.orikaeshi.events.AttemptOutcome;
import io.orikaeshi.events.CallbackAcknowledged;
import io.orikaeshi.events.CallbackAttempted;
import io.orikaeshi.events.CallbackCancelled;
import io.orikaeshi.events.CallbackExtended;
import io.orikaeshi.events.CallbackReassigned;
import io.orikaeshi.infra.testing.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.OffsetDateTime;
import java.util.Map;

import static io.orikaeshi.intake.IntakeApi.act;
import static io.orikaeshi.intake.IntakeApi.callFrom;
import static io.orikaeshi.intake.IntakeApi.created;
import static io.orikaeshi.intake.IntakeApi.inMinutes;
import static io.orikaeshi.intake.IntakeApi.published;
import static io.orikaeshi.intake.IntakeApi.asOperator;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class CallbackActionsTest {

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.onTestInfrastructure();

    @Test
    void extensionWithTheCallersConsentReplacesTheDueTime() {
        String callId = created("acme-jp", callFrom("03-1111-0001", null));
        String newDue = inMinutes(180);

        act("acme-jp", callId, "extension",
                "{\"newDueAt\": \"" + newDue + "\", \"callerConsented\": true, \"by\": \"op-7\"}")
                .statusCode(200).body("callbackDueAt", equalTo(OffsetDateTime.parse(newDue).toInstant().toString()));

        CallbackExtended extended = published(kafka, callId, CallbackExtended.class);
        assertEquals(OffsetDateTime.parse(newDue).toInstant(), extended.newDueAt());
        assertEquals("op-7", extended.by());
    }

    @Test
    void extensionWithoutConsentOrIntoThePastIsRejected() {
        String callId = created("acme-jp", callFrom("03-1111-0002", null));

        act("acme-jp", callId, "extension", "{\"newDueAt\": \"" + inMinutes(90) + "\", \"callerConsented\": false}")
                .statusCode(422).body("errors.field", hasItem("callerConsented"));
        act("acme-jp", callId, "extension", "{\"newDueAt\": \"" + inMinutes(-5) + "\", \"callerConsented\": true}")
                .statusCode(422).body("errors.field", hasItem("newDueAt"));
        asOperator("acme-jp").when().get("/tenants/acme-jp/calls/{id}", callId).then().statusCode(200)
                .body("callbackStatus", equalTo("OPEN"));
    }

    @Test
    void attemptIsRecordedWithItsNextTry() {
        String callId = created("acme-jp", callFrom("03-1111-0003", null));
        String next = inMinutes(20);

        act("acme-jp", callId, "attempts", "{\"outcome\": \"NO_ANSWER\", \"nextAttemptAt\": \"" + next + "\"}")
                .statusCode(200).body("callbackStatus", equalTo("OPEN"));

        CallbackAttempted attempted = published(kafka, callId, CallbackAttempted.class);
        assertEquals(AttemptOutcome.NO_ANSWER, attempted.outcome());
        assertEquals(OffsetDateTime.parse(next).toInstant(), attempted.nextAttemptAt());
    }

    @Test
    void cancelledCallbackCanNeitherBeCompletedNorExtended() {
        String callId = created("acme-jp", callFrom("03-1111-0004", null));

        act("acme-jp", callId, "cancellation", "{\"reason\": \"解決済みとのこと\"}")
                .statusCode(200).body("callbackStatus", equalTo("CANCELLED"));

        assertEquals("解決済みとのこと", published(kafka, callId, CallbackCancelled.class).reason());
        act("acme-jp", callId, "completion", "{}").statusCode(409).contentType("application/problem+json");
        act("acme-jp", callId, "extension", "{\"newDueAt\": \"" + inMinutes(90) + "\", \"callerConsented\": true}")
                .statusCode(409);
    }

    @Test
    void reassignmentAndAcknowledgementArePublished() {
        String callId = created("acme-jp", callFrom("03-1111-0005", null));

        act("acme-jp", callId, "reassignment", "{\"assignee\": \"鈴木SV\", \"assigneeKind\": \"SUPERVISOR\"}")
                .statusCode(200);
        act("acme-jp", callId, "acknowledgement", "{\"by\": \"鈴木SV\"}").statusCode(200);

        CallbackReassigned reassigned = published(kafka, callId, CallbackReassigned.class);
        assertEquals("鈴木SV", reassigned.assignee());
        assertEquals(AssigneeKind.SUPERVISOR, reassigned.assigneeKind());
        assertEquals("鈴木SV", published(kafka, callId, CallbackAcknowledged.class).by());
    }

    @Test
    void actionsOnACallWithoutPromiseConflict() {
        String callId = created("acme-jp", callFrom("03-1111-0006", null).replaceFirst(
                "\"callback\": \\{[^}]*\\}", "\"urgency\": \"NORMAL\""));

        for (String action : new String[]{"completion", "cancellation", "acknowledgement"}) {
            act("acme-jp", callId, action, "{}").statusCode(409);
        }
    }

    @Test
    void noActionOnAnotherTenantsCallLeaksOrChangesAnything() {
        String callId = created("acme-jp", callFrom("03-1111-0007", null));
        Map<String, String> bodies = Map.of(
                "completion", "{}",
                "attempts", "{\"outcome\": \"REACHED\"}",
                "extension", "{\"newDueAt\": \"" + inMinutes(90) + "\", \"callerConsented\": true}",
                "cancellation", "{}",
                "reassignment", "{\"assignee\": \"x\", \"assigneeKind\": \"POOL\"}",
                "acknowledgement", "{}");

        bodies.forEach((action, body) -> act("globex-us", callId, action, body).statusCode(404)
                .contentType("application/problem+json"));
        asOperator("globex-us").when().get("/tenants/globex-us/calls/{id}", callId).then().statusCode(404);

        asOperator("acme-jp").when().get("/tenants/acme-jp/calls/{id}", callId).then().statusCode(200)
                .body("callbackStatus", equalTo("OPEN"));
        assertEquals(1, IntakeApi.allPublished(kafka, callId).size(), "only CallReceived was published");
    }
}
