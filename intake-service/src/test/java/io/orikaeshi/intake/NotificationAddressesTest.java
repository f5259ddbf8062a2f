package io.orikaeshi.intake;

import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.infra.DemoKeys;
import io.orikaeshi.infra.testing.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.orikaeshi.intake.TenantApi.createTenant;
import static io.orikaeshi.intake.TenantApi.putChannel;
import static io.orikaeshi.intake.TenantApi.putContact;
import static io.orikaeshi.intake.TenantApi.tenantBody;
import static io.orikaeshi.intake.TenantApi.uniqueId;
import static io.orikaeshi.intake.TenantApi.withKey;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The tenant's repeat delay, and route recipients and escalation targets that name contacts, channels and on-call
 * schedules: accepted only when what they name exists, which then cannot be deleted while named.
 */
@QuarkusTest
class NotificationAddressesTest {

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.onTestInfrastructure();

    private static final String WEBHOOK = """
            {"type": "WEBHOOK", "url": "https://ops.test.example/hooks", "personalData": "LINK_ONLY"}""";

    @Test
    void repeatAfterRoundTripsWithinFifteenMinutesToADay() {
        String id = uniqueId("repeat");
        createTenant(id);
        withKey(DemoKeys.PLATFORM).contentType(ContentType.JSON).body(withRepeat(id, "PT30M"))
                .when().put("/tenants/{t}", id).then().statusCode(200);
        assertEquals(Optional.of(Duration.ofMinutes(30)),
                TenantApi.published(kafka, id, 2).profile().notifications().repeatAfter());
        // The tenant's answers show every duration as seconds (the service's Jackson default), this one too.
        withKey(DemoKeys.PLATFORM).when().get("/tenants/{t}", id).then().statusCode(200)
                .body("settings.notifications.repeatAfter", equalTo(1800.0f));

        for (String repeat : List.of("PT14M", "P2D", "-PT30M")) {
            withKey(DemoKeys.PLATFORM).contentType(ContentType.JSON).body(withRepeat(id, repeat))
                    .when().put("/tenants/{t}", id).then().statusCode(422).contentType("application/problem+json")
                    .body("errors.field", containsInAnyOrder("notifications.repeatAfter"));
        }
        withKey(DemoKeys.PLATFORM).contentType(ContentType.JSON).body(withRepeat(id, "P1D"))
                .when().put("/tenants/{t}", id).then().statusCode(200);
        withKey(DemoKeys.PLATFORM).contentType(ContentType.JSON).body(tenantBody(id, null))
                .when().put("/tenants/{t}", id).then().statusCode(200);
        assertEquals(Optional.empty(), TenantApi.published(kafka, id, 4).profile().notifications().repeatAfter());
    }

    @Test
    void aRouteToAChannelMentioningAContactIsAcceptedOnlyWhenBothExist() {
        String id = uniqueId("route");
        createTenant(id);
        String body = withRecipients(id, "\"eigyo@test.example\", \"channel:ops:contact:hanako\"");

        withKey(DemoKeys.PLATFORM).contentType(ContentType.JSON).body(body).when().put("/tenants/{t}", id).then()
                .statusCode(422).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("notifications.routes[0].recipients[1]"))
                .body("errors[0].message", containsString("channel ops"));
        putChannel(id, "ops", WEBHOOK);
        withKey(DemoKeys.PLATFORM).contentType(ContentType.JSON).body(body).when().put("/tenants/{t}", id).then()
                .statusCode(422).body("errors.field", containsInAnyOrder("notifications.routes[0].recipients[1]"))
                .body("errors[0].message", containsString("contact hanako"));
        putContact(id, "hanako", "{\"name\": \"山田 花子\", \"chatIds\": {\"slack\": \"U012AB3CD\"}}");
        withKey(DemoKeys.PLATFORM).contentType(ContentType.JSON).body(body).when().put("/tenants/{t}", id).then()
                .statusCode(200).body("settings.notifications.routes[0].recipients[1]",
                        equalTo("channel:ops:contact:hanako"));

        // The whole-tenant PUT replaced the settings and kept the contact and the channel.
        TenantProfile published = TenantApi.published(kafka, id, 4).profile();
        assertEquals(List.of("eigyo@test.example", "channel:ops:contact:hanako"),
                published.notifications().routes().orElseThrow().get(0).recipients());
        assertEquals("山田 花子", published.contact("hanako").orElseThrow().name());
        assertEquals("https://ops.test.example/hooks", published.channel("ops").orElseThrow().url().orElseThrow());

        withKey(DemoKeys.PLATFORM).contentType(ContentType.JSON)
                .body(withRecipients(id, "\"contact:\", \"channel:ops:someone@test.example\", \"the boss\""))
                .when().put("/tenants/{t}", id).then().statusCode(422)
                .body("errors.field", containsInAnyOrder("notifications.routes[0].recipients[0]",
                        "notifications.routes[0].recipients[1]", "notifications.routes[0].recipients[2]"));
    }

    @Test
    void whatARouteOrEscalationLevelNamesCannotBeDeleted() {
        String id = uniqueId("inuse");
        createTenant(id);
        putContact(id, "hanako", "{\"name\": \"山田 花子\", \"email\": \"hanako@test.example\"}");
        putChannel(id, "ops", WEBHOOK);
        withKey(DemoKeys.PLATFORM).contentType(ContentType.JSON).body("""
                {"name": "当番", "rotation": [{"contact": "hanako", "from": "2026-12-07T09:00",
                                               "until": "2026-12-07T18:00"}]}""")
                .when().put("/tenants/{t}/on-call/{s}", id, "night").then().statusCode(201);
        String named = withRecipients(id, "\"channel:ops\", \"contact:hanako\"")
                .replace("\"target\": \"assignee\"", "\"target\": \"channel:ops:on-call:night\"");
        withKey(DemoKeys.PLATFORM).contentType(ContentType.JSON).body(named).when().put("/tenants/{t}", id).then()
                .statusCode(200).body("settings.promises.escalation[0].target", equalTo("channel:ops:on-call:night"));

        withKey(DemoKeys.PLATFORM).when().delete("/tenants/{t}/channels/{c}", id, "ops").then().statusCode(409)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("notifications.routes[0].recipients[0]",
                        "promises.escalation[0].target"))
                .body("detail", containsString("notifications.routes[0].recipients[0]"));
        withKey(DemoKeys.PLATFORM).when().delete("/tenants/{t}/contacts/{c}", id, "hanako").then().statusCode(409)
                .body("errors.field", containsInAnyOrder("notifications.routes[0].recipients[1]", "on-call/night"));
        withKey(DemoKeys.PLATFORM).when().delete("/tenants/{t}/on-call/{s}", id, "night").then().statusCode(409)
                .body("errors.field", containsInAnyOrder("promises.escalation[0].target"));
        withKey(DemoKeys.PLATFORM).when().get("/tenants/{t}", id).then().body("revision", equalTo(5));

        withKey(DemoKeys.PLATFORM).contentType(ContentType.JSON).body(tenantBody(id, null))
                .when().put("/tenants/{t}", id).then().statusCode(200);
        withKey(DemoKeys.PLATFORM).when().delete("/tenants/{t}/channels/{c}", id, "ops").then().statusCode(204);
        withKey(DemoKeys.PLATFORM).when().delete("/tenants/{t}/on-call/{s}", id, "night").then().statusCode(204);
        withKey(DemoKeys.PLATFORM).when().delete("/tenants/{t}/contacts/{c}", id, "hanako").then().statusCode(204);
    }

    private static String withRepeat(String id, String repeatAfter) {
        return tenantBody(id, null).replace("\"sendingLimit\": 60}",
                "\"sendingLimit\": 60, \"repeatAfter\": \"" + repeatAfter + "\"}");
    }

    private static String withRecipients(String id, String recipients) {
        return tenantBody(id, null).replace("[\"eigyo@test.example\"]", "[" + recipients + "]");
    }
}
