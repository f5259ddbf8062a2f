package io.orikaeshi.reporting;

import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackChased;
import io.orikaeshi.events.CallbackOverdue;
import io.orikaeshi.events.NotificationSent;
import io.orikaeshi.infra.DemoKeys;
import io.orikaeshi.reporting.support.Calls;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;

import static io.orikaeshi.reporting.support.Api.asClient;
import static io.orikaeshi.reporting.support.Api.withKey;
import static io.orikaeshi.reporting.support.Stream.eventually;
import static io.orikaeshi.reporting.support.Stream.publish;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * Every query, asked by the owner, by another tenant and by an unknown tenant: the owner sees the call, the other
 * tenant gets nothing of it, the unknown tenant gets 404. One globex-us call, in a period of its own (2026-06-10),
 * with a promise, an overdue, a chase and an email, so that every read model holds something of it.
 */
@QuarkusTest
class TenantIsolationTest {

    private static final String NUMBER = "+12125550" + (100 + (int) (Math.random() * 899));
    private static final Instant RECEIVED = Instant.parse("2026-06-10T15:00:00Z");
    private static CallReceived call;

    @BeforeAll
    static void globexCall() {
        call = Calls.of("globex-us", RECEIVED).from(NUMBER).promised(RECEIVED.plusSeconds(600), "Smith").event();
        publish(call,
                CallbackOverdue.of("globex-us", call.callId(), RECEIVED.plusSeconds(600), RECEIVED.plusSeconds(600),
                        "Smith"),
                CallbackChased.of("globex-us", call.callId(), RECEIVED.plusSeconds(700), "chase", 1),
                NotificationSent.of("globex-us", call.callId(), RECEIVED, "iso-" + call.callId(), "REPORT",
                        "frontdesk@globex.example"));
    }

    /** Each query with what shows the call: its id, or a count only the call makes non-zero. */
    private static String[] query(String name) {
        String id = call.callId();
        return switch (name) {
            case "calls" -> new String[]{"/calls?limit=1000&from=2026-06-10T00:00:00Z&to=2026-06-11T00:00:00Z", id};
            case "calls.csv" -> new String[]{"/calls.csv?from=2026-06-10T00:00:00Z&to=2026-06-11T00:00:00Z", id};
            case "callbacks" -> new String[]{"/callbacks?status=overdue&limit=1000", id};
            case "board" -> new String[]{"/board?limit=5000", id};
            case "history" -> new String[]{"/callers/" + NUMBER.replace("+", "%2B") + "/history", id};
            case "deliveries" -> new String[]{"/calls/" + id + "/deliveries", "iso-" + id};
            case "messages" -> new String[]{"/calls/" + id + "/messages", "iso-" + id};
            case "sla" -> new String[]{"/sla?from=2026-06-10&to=2026-06-10", "\"promises\":1"};
            case "billing" -> new String[]{"/billing?month=2026-06", "\"calls\":1"};
            case "billing.csv" -> new String[]{"/billing.csv?month=2026-06", "total,,,,1,"};
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"calls", "calls.csv", "callbacks", "board", "history", "deliveries", "messages", "sla",
            "billing",
            "billing.csv"})
    void onlyKeysOfTheOwningTenantSeeTheCall(String name) {
        String[] q = query(name);
        eventually(() -> asClient("globex-us").urlEncodingEnabled(false).get("/tenants/globex-us" + q[0]).then()
                .statusCode(200).body(containsString(q[1])));
        if ("deliveries".equals(name) || "messages".equals(name)) {
            // Another tenant's call id under a call's path does not exist there (the problem names only the path asked).
            asClient("acme-jp").urlEncodingEnabled(false).get("/tenants/acme-jp" + q[0]).then().statusCode(404)
                    .contentType("application/problem+json").body("detail", equalTo("Call does not exist"))
                    .body(not(containsString("iso-")));
        } else {
            asClient("acme-jp").urlEncodingEnabled(false).get("/tenants/acme-jp" + q[0]).then().statusCode(200)
                    .body(not(containsString(call.callId())));
        }
        if (!q[1].contains(call.callId())) {
            asClient("acme-jp").urlEncodingEnabled(false).get("/tenants/acme-jp" + q[0]).then()
                    .body(not(containsString(q[1])));
        }
        // Every key of another tenant, whatever its role, finds nothing there: 404, as for a tenant that does not exist.
        for (String key : List.of(DemoKeys.ACME_OPERATOR, DemoKeys.ACME_CLIENT, DemoKeys.ACME_ADMIN)) {
            withKey(key).urlEncodingEnabled(false).get("/tenants/globex-us" + q[0]).then().statusCode(404)
                    .contentType("application/problem+json").body("detail", equalTo("Tenant does not exist"));
        }
        asClient("acme-jp").urlEncodingEnabled(false).get("/tenants/nobody" + q[0]).then().statusCode(404)
                .contentType("application/problem+json");
        given().urlEncodingEnabled(false).get("/tenants/globex-us" + q[0]).then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void deliveriesOfAnotherTenantsCallOrOfAnUnknownCallAnswer404ProblemDetails() {
        eventually(() -> asClient("globex-us").get("/tenants/globex-us/calls/{id}/deliveries", call.callId()).then()
                .statusCode(200).body(containsString("iso-" + call.callId())));

        asClient("acme-jp").get("/tenants/acme-jp/calls/{id}/deliveries", call.callId()).then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("Call does not exist"));
        asClient("globex-us").get("/tenants/globex-us/calls/{id}/deliveries", "no-such-call").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aCallersHistoryIsKeyedByTenantAndNumberSoAnotherTenantSeesNoneOfIt() {
        String number = NUMBER.replace("+", "%2B");
        eventually(() -> asClient("globex-us").urlEncodingEnabled(false)
                .get("/tenants/globex-us/callers/" + number + "/history").then()
                .statusCode(200).body("totalCalls", equalTo(1)));

        // The same number asked by another tenant: that tenant never had a call from it, and sees none of globex's.
        asClient("acme-jp").urlEncodingEnabled(false).get("/tenants/acme-jp/callers/" + number + "/history").then()
                .statusCode(200).body("totalCalls", equalTo(0)).body("chaseCount", equalTo(0))
                .body("recentCalls", org.hamcrest.Matchers.empty()).body("openPromises", org.hamcrest.Matchers.empty());
    }

    @Test
    void adminAnswersThePlatformKeyOnlyAsTheReadmeSays() {
        given().get("/admin/rebuild").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer ok_nobody.wrong").get("/admin/rebuild").then().statusCode(401);
        for (String key : List.of(DemoKeys.ACME_OPERATOR, DemoKeys.ACME_CLIENT, DemoKeys.ACME_ADMIN)) {
            withKey(key).get("/admin/rebuild").then().statusCode(403).contentType("application/problem+json");
        }
        withKey(DemoKeys.PLATFORM).get("/admin/rebuild").then().statusCode(org.hamcrest.Matchers.not(
                org.hamcrest.Matchers.anyOf(equalTo(401), equalTo(403))));
    }

    @Test
    void eachRoleReadsOnlyWhatItNeeds() {
        // Operators see calls and callers, not the bill; a tenant's admin sees the bill and SLA, not the calls.
        withKey(DemoKeys.GLOBEX_OPERATOR).get("/tenants/globex-us/billing?month=2026-06").then().statusCode(403);
        withKey(DemoKeys.GLOBEX_ADMIN).get("/tenants/globex-us/billing?month=2026-06").then().statusCode(200);
        withKey(DemoKeys.GLOBEX_ADMIN).get("/tenants/globex-us/calls").then().statusCode(403);
        withKey(DemoKeys.GLOBEX_OPERATOR).get("/tenants/globex-us/calls").then().statusCode(200);
        // Rebuilding the read models is the platform operator's, never a tenant's.
        withKey(DemoKeys.GLOBEX_ADMIN).get("/admin/rebuild").then().statusCode(403);
        given().get("/admin/rebuild").then().statusCode(401);
    }
}
