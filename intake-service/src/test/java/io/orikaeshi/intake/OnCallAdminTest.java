package io.orikaeshi.intake;

import io.orikaeshi.events.tenant.TenantProfile.OnCallSchedule;
import io.orikaeshi.infra.DemoKeys;
import io.orikaeshi.infra.testing.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import static io.orikaeshi.intake.TenantApi.createTenant;
import static io.orikaeshi.intake.TenantApi.putContact;
import static io.orikaeshi.intake.TenantApi.uniqueId;
import static io.orikaeshi.intake.TenantApi.withKey;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** On-call schedules: shifts in the tenant's local time, checked, published, and who is on call now. */
@QuarkusTest
class OnCallAdminTest {

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.onTestInfrastructure();

    /** The test tenants' zone (TenantApi.tenantBody): shifts are written in its local time. */
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Test
    void whoIsOnCallNowIsTheOverrideOverTheRotation() {
        String id = tenantWithTwoContacts("oncall");
        LocalDateTime now = LocalDateTime.now(TOKYO).truncatedTo(ChronoUnit.MINUTES);
        String rotation = """
                "rotation": [{"contact": "hanako", "from": "%s", "until": "%s"},
                             {"contact": "ichiro", "from": "%s", "until": "%s"}]"""
                .formatted(now.minusDays(1), now.plusDays(1), now.plusDays(1), now.plusDays(2));
        withKey(DemoKeys.PLATFORM).contentType(ContentType.JSON).body("{\"name\": \"夜間当番\", " + rotation + "}")
                .when().put("/tenants/{t}/on-call/{s}", id, "night").then().statusCode(201)
                .body("id", equalTo("night")).body("rotation", hasSize(2));
        withKey(DemoKeys.PLATFORM).when().get("/tenants/{t}/on-call/{s}/now", id, "night").then().statusCode(200)
                .body("schedule", equalTo("night")).body("contact", equalTo("hanako"))
                .body("name", equalTo("山田 花子"));

        withKey(DemoKeys.PLATFORM).contentType(ContentType.JSON).body("""
                {"name": "夜間当番", %s,
                 "overrides": [{"contact": "ichiro", "from": "%s", "until": "%s"}]}"""
                .formatted(rotation, now.minusHours(1), now.plusHours(1)))
                .when().put("/tenants/{t}/on-call/{s}", id, "night").then().statusCode(200)
                .body("overrides[0].contact", equalTo("ichiro"));
        withKey(DemoKeys.PLATFORM).when().get("/tenants/{t}/on-call/{s}/now", id, "night").then().statusCode(200)
                .body("contact", equalTo("ichiro")).body("name", equalTo("佐藤 一郎"));

        OnCallSchedule published = TenantApi.published(kafka, id, 5).profile().schedule("night").orElseThrow();
        assertEquals(now.minusHours(1), published.overrides().orElseThrow().get(0).from());
        assertEquals("hanako", published.rotation().get(0).contact());

        withKey(DemoKeys.PLATFORM).contentType(ContentType.JSON).body("""
                {"name": "来年", "rotation": [{"contact": "hanako", "from": "%s", "until": "%s"}]}"""
                .formatted(now.plusYears(1), now.plusYears(1).plusDays(1)))
                .when().put("/tenants/{t}/on-call/{s}", id, "later").then().statusCode(201);
        withKey(DemoKeys.PLATFORM).when().get("/tenants/{t}/on-call/{s}/now", id, "later").then().statusCode(200)
                .body("contact", nullValue()).body("name", nullValue());
        withKey(DemoKeys.PLATFORM).when().get("/tenants/{t}/on-call", id).then()
                .body("id", containsInAnyOrder("night", "later"));

        withKey(DemoKeys.PLATFORM).when().delete("/tenants/{t}/on-call/{s}", id, "later").then().statusCode(204);
        withKey(DemoKeys.PLATFORM).when().get("/tenants/{t}/on-call/{s}", id, "later").then().statusCode(404);
        withKey(DemoKeys.PLATFORM).when().get("/tenants/{t}/on-call/{s}/now", id, "later").then().statusCode(404);
    }

    @Test
    void shiftsMustEndAfterTheyStartNameAContactAndNotOverlap() {
        String id = tenantWithTwoContacts("badshift");
        withKey(DemoKeys.PLATFORM).contentType(ContentType.JSON).body("""
                {"name": "当番",
                 "rotation": [{"contact": "hanako", "from": "2026-12-07T09:00", "until": "2026-12-07T18:00"},
                              {"contact": "nobody", "from": "2026-12-08T09:00", "until": "2026-12-08T18:00"},
                              {"contact": "ichiro", "from": "2026-12-07T17:00", "until": "2026-12-07T20:00"},
                              {"contact": "ichiro", "from": "2026-12-09T18:00", "until": "2026-12-09T09:00"}],
                 "overrides": [{"contact": "ichiro", "from": "2026-12-07T09:00", "until": "2026-12-07T12:00"},
                               {"contact": "hanako", "from": "2026-12-07T11:00", "until": "2026-12-07T13:00"}]}""")
                .when().put("/tenants/{t}/on-call/{s}", id, "day").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("rotation[1].contact", "rotation[2]", "rotation[3].until",
                        "overrides[1]"))
                .body("errors.find { it.field == 'rotation[2]' }.message", equalTo("overlaps rotation[0]"));
        withKey(DemoKeys.PLATFORM).contentType(ContentType.JSON).body("{\"rotation\": [{\"contact\": \"hanako\"}]}")
                .when().put("/tenants/{t}/on-call/{s}", id, "day").then().statusCode(422)
                .body("errors.field", containsInAnyOrder("name", "rotation[0].from", "rotation[0].until"));
        // Back to back is no overlap: a shift covers [from, until).
        withKey(DemoKeys.PLATFORM).contentType(ContentType.JSON).body("""
                {"name": "当番",
                 "rotation": [{"contact": "hanako", "from": "2026-12-07T09:00", "until": "2026-12-07T18:00"},
                              {"contact": "ichiro", "from": "2026-12-07T18:00", "until": "2026-12-08T09:00"}]}""")
                .when().put("/tenants/{t}/on-call/{s}", id, "day").then().statusCode(201);
    }

    @Test
    void aContactOnAScheduleCannotBeDeleted() {
        String id = tenantWithTwoContacts("oncallref");
        withKey(DemoKeys.PLATFORM).contentType(ContentType.JSON).body("""
                {"name": "当番", "rotation": [],
                 "overrides": [{"contact": "ichiro", "from": "2026-12-07T09:00", "until": "2026-12-07T18:00"}]}""")
                .when().put("/tenants/{t}/on-call/{s}", id, "day").then().statusCode(201);
        withKey(DemoKeys.PLATFORM).when().delete("/tenants/{t}/contacts/{c}", id, "ichiro").then().statusCode(409)
                .contentType("application/problem+json").body("errors.field", containsInAnyOrder("on-call/day"));
        withKey(DemoKeys.PLATFORM).when().delete("/tenants/{t}/on-call/{s}", id, "day").then().statusCode(204);
        withKey(DemoKeys.PLATFORM).when().delete("/tenants/{t}/contacts/{c}", id, "ichiro").then().statusCode(204);
    }

    private static String tenantWithTwoContacts(String prefix) {
        String id = uniqueId(prefix);
        createTenant(id);
        putContact(id, "hanako", "{\"name\": \"山田 花子\"}");
        putContact(id, "ichiro", "{\"name\": \"佐藤 一郎\"}");
        return id;
    }
}
