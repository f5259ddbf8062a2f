package io.orikaeshi.intake;

import io.orikaeshi.events.Topics;
import io.orikaeshi.infra.DemoKeys;
import io.orikaeshi.infra.testing.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.orikaeshi.intake.IntakeApi.callFrom;
import static io.orikaeshi.intake.IntakeApi.inMinutes;
import static io.orikaeshi.intake.TenantApi.createTenant;
import static io.orikaeshi.intake.TenantApi.issueKey;
import static io.orikaeshi.intake.TenantApi.tenantBody;
import static io.orikaeshi.intake.TenantApi.uniqueId;
import static io.orikaeshi.intake.TenantApi.withKey;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * API keys: who may call what, and that one tenant's keys neither read nor change another tenant's data.
 * Two tenants are created for the test, each with an operator, a client and an admin key.
 */
@QuarkusTest
class AccessControlTest {

    /** Every intake endpoint that takes an API key, and the roles allowed on it. */
    private record Endpoint(String method, String path, String body, Set<String> roles) {

        Response call(RequestSpecification request, String tenant, String callId, String keyId) {
            String resolved = path.replace("{t}", tenant).replace("{call}", callId).replace("{key}", keyId);
            RequestSpecification r = body == null ? request : request.contentType(ContentType.JSON).body(body);
            return r.when().request(method, resolved);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final Set<String> CALL_ROLES = Set.of("OPERATOR", "CLIENT");

    private static List<Endpoint> endpoints(String tenantBodyForPut) {
        return List.of(
                new Endpoint("POST", "/tenants/{t}/calls", callFrom("03-5555-0101", null), Set.of("OPERATOR")),
                new Endpoint("GET", "/tenants/{t}/calls/{call}", null, CALL_ROLES),
                new Endpoint("POST", "/tenants/{t}/calls/{call}/callback/attempts",
                        "{\"outcome\": \"NO_ANSWER\", \"nextAttemptAt\": \"" + inMinutes(30) + "\"}", CALL_ROLES),
                new Endpoint("POST", "/tenants/{t}/calls/{call}/callback/extension",
                        "{\"newDueAt\": \"" + inMinutes(120) + "\", \"callerConsented\": true}", CALL_ROLES),
                new Endpoint("POST", "/tenants/{t}/calls/{call}/callback/reassignment",
                        "{\"assignee\": \"受付チーム\", \"assigneeKind\": \"POOL\"}", CALL_ROLES),
                new Endpoint("POST", "/tenants/{t}/calls/{call}/callback/acknowledgement", "{}", CALL_ROLES),
                new Endpoint("POST", "/tenants/{t}/calls/{call}/callback/completion", "{}", CALL_ROLES),
                new Endpoint("POST", "/tenants/{t}/calls/{call}/callback/cancellation", "{}", CALL_ROLES),
                new Endpoint("GET", "/tenants/{t}", null, Set.of("ADMIN")),
                new Endpoint("PUT", "/tenants/{t}", tenantBodyForPut, Set.of("ADMIN")),
                new Endpoint("GET", "/tenants/{t}/api-keys", null, Set.of("ADMIN")),
                new Endpoint("POST", "/tenants/{t}/api-keys", "{\"role\": \"CLIENT\"}", Set.of("ADMIN")),
                new Endpoint("DELETE", "/tenants/{t}/api-keys/{key}", null, Set.of("ADMIN")),
                new Endpoint("GET", "/tenants/{t}/contacts", null, Set.of("ADMIN")),
                new Endpoint("PUT", "/tenants/{t}/contacts/matrix", "{\"name\": \"山田 花子\"}", Set.of("ADMIN")),
                new Endpoint("GET", "/tenants/{t}/channels", null, Set.of("ADMIN")),
                new Endpoint("PUT", "/tenants/{t}/channels/matrix", """
                        {"type": "WEBHOOK", "url": "https://hooks.test.example/in", "personalData": "ALL"}""",
                        Set.of("ADMIN")),
                new Endpoint("GET", "/tenants/{t}/on-call", null, Set.of("ADMIN")),
                new Endpoint("PUT", "/tenants/{t}/on-call/matrix", "{\"name\": \"当番\", \"rotation\": []}",
                        Set.of("ADMIN")));
    }

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.onTestInfrastructure();
    private static String tenantA;
    private static String tenantB;
    private static Map<String, String> keysA;
    private static Map<String, String> keysB;

    /** Per test, because RestAssured knows the application's port only from the first test on. */
    @BeforeEach
    void twoTenantsWithAKeyPerRole() {
        if (tenantA != null) {
            return;
        }
        tenantA = uniqueId("access-a");
        tenantB = uniqueId("access-b");
        createTenant(tenantA);
        createTenant(tenantB);
        keysA = Map.of("OPERATOR", issueKey(tenantA, "OPERATOR"), "CLIENT", issueKey(tenantA, "CLIENT"),
                "ADMIN", issueKey(tenantA, "ADMIN"));
        keysB = Map.of("OPERATOR", issueKey(tenantB, "OPERATOR"), "CLIENT", issueKey(tenantB, "CLIENT"),
                "ADMIN", issueKey(tenantB, "ADMIN"));
    }

    @Test
    void requestsWithoutAValidKeyAreRefusedWith401() {
        String callId = newCall(tenantA, keysA);
        String wrongSecret = keysA.get("ADMIN").substring(0, keysA.get("ADMIN").indexOf('.')) + ".not-the-secret";
        for (Endpoint endpoint : endpoints(tenantBody(tenantA, null))) {
            for (RequestSpecification request : List.of(given(), withKey("garbage"), withKey(wrongSecret),
                    given().header("Authorization", "Basic dXNlcjpwYXNz"))) {
                endpoint.call(request, tenantA, callId, "whatever").then()
                        .statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
            }
        }
        withKey(keysA.get("OPERATOR")).when().get("/tenants/{t}/calls/{c}", tenantA, callId).then()
                .body("callbackStatus", equalTo("OPEN"));
    }

    @Test
    void eachRoleMayDoOnlyWhatItsRoleAllows() {
        for (Endpoint endpoint : endpoints(tenantBody(tenantA, null))) {
            for (var role : keysA.entrySet()) {
                String callId = newCall(tenantA, keysA);
                String spareKey = issueKey(tenantA, "CLIENT");
                int status = endpoint.call(withKey(role.getValue()), tenantA, callId, keyIdOf(spareKey)).statusCode();
                if (endpoint.roles().contains(role.getKey())) {
                    assertTrue(status < 300, role.getKey() + " on " + endpoint + " answered " + status);
                } else {
                    assertEquals(403, status, role.getKey() + " on " + endpoint);
                    withKey(keysA.get("OPERATOR")).when().get("/tenants/{t}/calls/{c}", tenantA, callId).then()
                            .body("callbackStatus", equalTo("OPEN"));
                }
            }
        }
        // The platform key creates tenants; it does not handle calls.
        withKey(DemoKeys.PLATFORM).contentType(ContentType.JSON).body(callFrom("03-5555-0102", null))
                .when().post("/tenants/{t}/calls", tenantA).then().statusCode(403);
        // Only the platform key creates tenants.
        withKey(keysA.get("ADMIN")).contentType(ContentType.JSON).body(tenantBody(uniqueId("nope"), null))
                .when().post("/tenants").then().statusCode(403);
    }

    @Test
    void aKeyOfOneTenantNeitherSeesNorChangesAnotherTenantsData() {
        String callOfB = newCall(tenantB, keysB);
        String callOfA = newCall(tenantA, keysA);
        String keyIdOfB = keyIdOf(keysB.get("CLIENT"));
        long revisionOfB = withKey(keysB.get("ADMIN")).when().get("/tenants/{t}", tenantB).then().statusCode(200)
                .extract().jsonPath().getLong("revision");

        for (Endpoint endpoint : endpoints(tenantBody(tenantB, "\"name\": \"乗っ取り\""))) {
            for (var key : keysA.entrySet()) {
                // B's path and ids with A's key; A's path with B's ids: both must look like nothing is there.
                endpoint.call(withKey(key.getValue()), tenantB, callOfB, keyIdOfB).then()
                        .statusCode(404).contentType("application/problem+json");
                if (endpoint.path().contains("{call}") && endpoint.roles().contains(key.getKey())) {
                    endpoint.call(withKey(key.getValue()), tenantA, callOfB, keyIdOfB).then().statusCode(404);
                }
            }
        }

        withKey(keysB.get("OPERATOR")).when().get("/tenants/{t}/calls/{c}", tenantB, callOfB).then().statusCode(200)
                .body("callbackStatus", equalTo("OPEN")).body("chaseCount", equalTo(0));
        assertEquals(1, kafka.readAll(Topics.CALL_EVENTS, Duration.ofSeconds(1)).stream()
                .filter(r -> callOfB.equals(r.key())).count(), "only B's own CallReceived was published for its call");
        withKey(keysB.get("ADMIN")).when().get("/tenants/{t}", tenantB).then()
                .body("revision", equalTo((int) revisionOfB)).body("settings.name", equalTo("テスト商事株式会社"));
        withKey(keysB.get("ADMIN")).when().get("/tenants/{t}/api-keys", tenantB).then()
                .body("findAll { it.revokedAt != null }", hasSize(0)).body("size()", equalTo(3));
        withKey(keysB.get("CLIENT")).when().get("/tenants/{t}/calls/{c}", tenantB, callOfB).then().statusCode(200);
        assertNotEquals(callOfA, callOfB);
    }

    @Test
    void aRevokedKeyIsRefusedFromTheNextRequestAndNeverShownAgain() {
        String key = withKey(keysA.get("ADMIN")).contentType(ContentType.JSON)
                .body("{\"role\": \"OPERATOR\", \"label\": \"受付PC 3\"}")
                .when().post("/tenants/{t}/api-keys", tenantA).then().statusCode(201)
                .body("role", equalTo("OPERATOR")).extract().path("key");
        String keyId = keyIdOf(key);
        withKey(key).contentType(ContentType.JSON).body(callFrom("03-5555-0103", null))
                .when().post("/tenants/{t}/calls", tenantA).then().statusCode(201);

        String listed = withKey(keysA.get("ADMIN")).when().get("/tenants/{t}/api-keys", tenantA).then()
                .body("find { it.keyId == '" + keyId + "' }.key", nullValue())
                .body("find { it.keyId == '" + keyId + "' }.label", equalTo("受付PC 3"))
                .extract().asString();
        assertFalse(listed.contains(key.substring(key.indexOf('.') + 1)), "the key's secret is never listed");

        withKey(keysA.get("ADMIN")).when().delete("/tenants/{t}/api-keys/{k}", tenantA, keyId).then().statusCode(204);
        withKey(key).contentType(ContentType.JSON).body(callFrom("03-5555-0104", null))
                .when().post("/tenants/{t}/calls", tenantA).then().statusCode(401);
        withKey(keysA.get("ADMIN")).when().delete("/tenants/{t}/api-keys/{k}", tenantA, keyId).then().statusCode(204);
        withKey(keysA.get("ADMIN")).when().delete("/tenants/{t}/api-keys/{k}", tenantA, "ok_unknown").then()
                .statusCode(404);
        assertFalse(kafka.readAll(Topics.TENANT_EVENTS, Duration.ofSeconds(1)).stream()
                .anyMatch(r -> r.value().contains(key.substring(key.indexOf('.') + 1))),
                "keys never travel, only hashes");
    }

    private static String newCall(String tenant, Map<String, String> keys) {
        return withKey(keys.get("OPERATOR")).contentType(ContentType.JSON)
                .body(callFrom("03-5555-" + (1000 + (int) (Math.random() * 8999)), null))
                .when().post("/tenants/{t}/calls", tenant).then().statusCode(201).extract().path("callId");
    }

    private static String keyIdOf(String key) {
        return key.substring(0, key.indexOf('.'));
    }
}
