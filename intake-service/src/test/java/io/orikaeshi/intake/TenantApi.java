package io.orikaeshi.intake;

import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.Topics;
import io.orikaeshi.events.tenant.TenantChanged;
import io.orikaeshi.infra.DemoKeys;
import io.orikaeshi.infra.testing.KafkaTestClient;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

/** Tenant administration calls shared by the tests: tenants created here keep the demo tenants untouched. */
final class TenantApi {

    private TenantApi() {
    }

    static RequestSpecification withKey(String key) {
        return given().header("Authorization", DemoKeys.bearer(key));
    }

    static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A Japanese tenant; {@code extra} adds JSON members (e.g. "\"publicLabel\": \"...\""). */
    static String tenantBody(String id, String extra) {
        return """
                {"id": "%s", "name": "テスト商事株式会社", "locale": "ja", "timeZone": "Asia/Tokyo", "phoneRegion": "JP",
                 "reportRecipients": ["report@test.example"],
                 "calendar": {"openingHours": "MON-FRI 09:00-18:00", "holidays": "JP"},
                 "promises": {"warningLead": "PT10M", "defaultPromise": "PT2H",
                              "escalation": [{"after": "PT10M", "target": "assignee"}]},
                 "plans": [{"effectiveFrom": "2026-01-01", "unitPrice": 150, "hearingPrice": 50,
                            "hearingItems": ["ご希望の折り返し時間帯"]}],
                 "notifications": {"routes": [{"addressee": "営業部", "recipients": ["eigyo@test.example"]}],
                                   "quietHours": true, "sendingLimit": 60}%s}
                """.formatted(id, extra == null ? "" : ", " + extra);
    }

    static void createTenant(String id) {
        withKey(DemoKeys.PLATFORM).contentType(ContentType.JSON).body(tenantBody(id, null))
                .when().post("/tenants").then().statusCode(201);
    }

    /** Creates or replaces a contact of the tenant with the platform key. */
    static void putContact(String tenantId, String contactId, String body) {
        withKey(DemoKeys.PLATFORM).contentType(ContentType.JSON).body(body)
                .when().put("/tenants/{t}/contacts/{c}", tenantId, contactId).then()
                .statusCode(anyOf(is(200), is(201)));
    }

    /** Creates or replaces a channel of the tenant with the platform key. */
    static void putChannel(String tenantId, String channelId, String body) {
        withKey(DemoKeys.PLATFORM).contentType(ContentType.JSON).body(body)
                .when().put("/tenants/{t}/channels/{c}", tenantId, channelId).then()
                .statusCode(anyOf(is(200), is(201)));
    }

    /** The tenant's snapshot of that revision, as published on the tenant topic. */
    static TenantChanged published(KafkaTestClient kafka, String tenantId, long revision) {
        return EventCodec.tenantFromJson(kafka.poll(Topics.TENANT_EVENTS,
                r -> tenantId.equals(r.key()) && r.value().contains("\"revision\":" + revision + ","), 1,
                IntakeApi.WAIT).get(0).value());
    }

    /** Issues a key of {@code role} for the tenant with the platform key; returns the key. */
    static String issueKey(String tenantId, String role) {
        return withKey(DemoKeys.PLATFORM).contentType(ContentType.JSON)
                .body("{\"role\": \"" + role + "\", \"label\": \"test " + role + "\"}")
                .when().post("/tenants/{t}/api-keys", tenantId).then().statusCode(201).extract().path("key");
    }
}
