package io.orikaeshi.reporting;

import io.orikaeshi.events.AssigneeKind;
import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackChased;
import io.orikaeshi.events.CallbackCompleted;
import io.orikaeshi.events.CallbackEscalated;
import io.orikaeshi.events.EscalationReason;
import io.orikaeshi.events.CallbackExtended;
import io.orikaeshi.events.CallbackOverdue;
import io.orikaeshi.events.CallbackReassigned;
import io.orikaeshi.events.CallbackWarned;
import io.orikaeshi.reporting.support.Calls;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;

import static io.orikaeshi.reporting.support.Api.asClient;
import static io.orikaeshi.reporting.support.Stream.eventually;
import static io.orikaeshi.reporting.support.Stream.publish;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class BoardAndCallerHistoryTest {

    private static void onBoard(String callId, Consumer<ValidatableResponse> check) {
        eventually(() -> check.accept(asClient("acme-jp").get("/tenants/acme-jp/board").then().statusCode(200)
                .rootPath("find { it.callId == '" + callId + "' }")));
    }

    @Test
    void boardShowsWarnedThenOverdueThenEscalatedWithAssigneeChasesAndTimeLeft() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant due = now.plusSeconds(300);
        CallReceived call = Calls.of("acme-jp", now).promised(due, "佐藤").event();
        publish(call);
        onBoard(call.callId(), r -> r.body("state", equalTo("OPEN")).body("assignee", equalTo("佐藤"))
                .body("secondsLeft", greaterThan(200)).body("dueAt", equalTo(due.toString())));

        publish(CallbackWarned.of("acme-jp", call.callId(), now, due, "佐藤"));
        onBoard(call.callId(), r -> r.body("state", equalTo("WARNED")));
        publish(CallbackOverdue.of("acme-jp", call.callId(), now, due, "佐藤"),
                CallbackEscalated.of("acme-jp", call.callId(), now, due, 2, "sv@acme.example"),
                CallbackChased.of("acme-jp", call.callId(), now, "chase-1", 1),
                CallbackChased.of("acme-jp", call.callId(), now, "chase-2", 2),
                CallbackReassigned.of("acme-jp", call.callId(), now.plusSeconds(1), "受付チーム", AssigneeKind.POOL,
                        "scheduler"));
        onBoard(call.callId(), r -> r.body("state", equalTo("ESCALATED")).body("escalationLevel", equalTo(2))
                .body("chaseCount", equalTo(2)).body("assignee", equalTo("受付チーム")));

        publish(CallbackCompleted.of("acme-jp", call.callId(), now, "佐藤"));
        eventually(() -> asClient("acme-jp").get("/tenants/acme-jp/board").then().body("callId",
                not(hasItem(call.callId()))));
    }

    @Test
    void boardShowsTheNumberAsTheTenantsCountryWritesItWithE164ToDialAndTheTenantsTimeZone() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        CallReceived call = Calls.of("acme-jp", now).promised(now.plusSeconds(600), "佐藤").event();
        publish(call);

        onBoard(call.callId(), r -> r.body("callbackNumber", equalTo("+81312345678"))
                .body("callbackNumberDisplay", equalTo("03-1234-5678")).body("timeZone", equalTo("Asia/Tokyo")));
    }

    @Test
    void aChaseBeforeTheDueTimeIsReportedAsAChaseWithTheRealDueTimeAndNotAsOverdue() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant due = now.plusSeconds(3600);
        CallReceived call = Calls.of("acme-jp", now).promised(due, "佐藤").event();
        publish(call, CallbackChased.of("acme-jp", call.callId(), now.plusSeconds(1), "chase-1", 1),
                CallbackEscalated.of("acme-jp", call.callId(), now.plusSeconds(1), due, 1, "sv@acme.example", 1,
                        EscalationReason.CHASE));

        eventually(() -> asClient("acme-jp").queryParam("callerNumber", "+81312345678")
                .get("/tenants/acme-jp/calls?limit=1000").then()
                .rootPath("find { it.callId == '" + call.callId() + "' }")
                .body("callback.state", equalTo("ESCALATED")).body("callback.status", equalTo("OPEN"))
                .body("callback.dueAt", equalTo(due.toString())).body("callback.overdueAt", equalTo(null))
                .body("callback.chaseCount", equalTo(1)));
        eventually(() -> asClient("acme-jp").get("/tenants/acme-jp/callbacks?status=overdue&limit=1000").then()
                .body("callId", not(hasItem(call.callId()))));
    }

    @Test
    void anExtensionReopensThePromiseEvenWhenTheOldDeadlinesOverdueArrivesAfterIt() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant oldDue = now.minusSeconds(60);
        Instant newDue = now.plusSeconds(3600);
        CallReceived call = Calls.of("acme-jp", now.minusSeconds(600)).promised(oldDue, "佐藤").event();
        publish(call, CallbackExtended.of("acme-jp", call.callId(), now, oldDue, newDue, "佐藤"));
        onBoard(call.callId(), r -> r.body("dueAt", equalTo(newDue.toString())));

        publish(CallbackOverdue.of("acme-jp", call.callId(), now, oldDue, "佐藤"));
        eventually(() -> asClient("acme-jp").get("/tenants/acme-jp/callbacks?status=overdue&limit=1000").then()
                .body("callId", not(hasItem(call.callId()))));
        // Overdue for the old due time was applied (it counts in the SLA) but the promise in force is open.
        eventually(() -> asClient("acme-jp").queryParam("callerNumber", "+81312345678")
                .get("/tenants/acme-jp/calls?limit=1000").then()
                .rootPath("find { it.callId == '" + call.callId() + "' }")
                .body("callback.status", equalTo("OPEN")).body("callback.extensionCount", equalTo(1)));
        onBoard(call.callId(), r -> r.body("state", equalTo("OPEN")).body("secondsLeft", greaterThan(3000)));
    }

    @Test
    void urgentPromisesComeFirstThenTheEarliestDue() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        CallReceived late = Calls.of("acme-jp", now).promised(now.plusSeconds(50_000), "佐藤").event();
        CallReceived urgent = Calls.of("acme-jp", now).urgent().promised(now.plusSeconds(90_000), "佐藤").event();
        CallReceived soon = Calls.of("acme-jp", now).promised(now.plusSeconds(40_000), "佐藤").event();
        publish(late, urgent, soon);
        eventually(() -> {
            List<String> ids = asClient("acme-jp").get("/tenants/acme-jp/board").then().extract().jsonPath()
                    .getList("callId");
            int u = ids.indexOf(urgent.callId());
            int s = ids.indexOf(soon.callId());
            int l = ids.indexOf(late.callId());
            assertTrue(u >= 0 && s >= 0 && l >= 0, "all three on the board");
            assertTrue(u < s && s < l, "urgent, then the earliest due: " + List.of(u, s, l));
        });
    }

    @Test
    void callerHistoryGivesPreviousCallsOpenPromisesAndChasesOfThatNumberOnly() {
        String number = "+8175" + (1_000_000 + (int) (Math.random() * 8_999_999));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        CallReceived first = Calls.of("acme-jp", now.minusSeconds(7200)).from(number)
                .promised(now.minusSeconds(3600), "佐藤").event();
        CallReceived second = Calls.of("acme-jp", now.minusSeconds(600)).from(number)
                .promised(now.plusSeconds(600), "鈴木").event();
        CallReceived elsewhere = Calls.of("globex-us", now).from(number).event();
        publish(first, second, elsewhere, CallbackCompleted.of("acme-jp", first.callId(), now.minusSeconds(3000), "佐藤"),
                CallbackChased.of("acme-jp", second.callId(), now, "c", 1));

        eventually(() -> asClient("acme-jp").get("/tenants/acme-jp/callers/{n}/history", number).then().statusCode(200)
                .body("totalCalls", equalTo(2)).body("chaseCount", equalTo(1))
                .body("recentCalls.callId", contains(second.callId(), first.callId()))
                .body("openPromises.callId", contains(second.callId())));
        asClient("globex-us").get("/tenants/globex-us/callers/{n}/history", number).then().statusCode(200)
                .body("totalCalls", equalTo(1)).body("recentCalls.callId", contains(elsewhere.callId()));
        asClient("acme-jp").get("/tenants/acme-jp/callers/{n}/history", "03-1234-5678").then().statusCode(400);
    }
}
