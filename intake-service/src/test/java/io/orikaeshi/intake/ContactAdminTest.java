package io.orikaeshi.intake;

import io.orikaeshi.events.tenant.TenantChanged;
import io.orikaeshi.events.tenant.TenantProfile.ChannelType;
import io.orikaeshi.events.tenant.TenantProfile.Contact;
import io.orikaeshi.infra.DemoKeys;
import io.orikaeshi.infra.testing.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Optional;

import static io.orikaeshi.intake.TenantApi.createTenant;
import static io.orikaeshi.intake.TenantApi.issueKey;
import static io.orikaeshi.intake.TenantApi.uniqueId;
import static io.orikaeshi.intake.TenantApi.withKey;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A tenant's contacts through the admin API: stored, validated, published, and kept from other tenants. */
@QuarkusTest
class ContactAdminTest {

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.onTestInfrastructure();

    private static final String HANAKO = """
            {"name": "山田 花子", "email": "hanako@test.example",
             "chatIds": {"slack": "U012AB3CD", "chatwork": "1234567", "teams": "hanako@test.example",
                         "line_works": "hanako@works.example"}}""";

    @Test
    void aContactIsCreatedReadListedReplacedAndDeletedEachChangePublished() {
        String id = uniqueId("contacts");
        createTenant(id);
        String admin = issueKey(id, "ADMIN");

        withKey(admin).contentType(ContentType.JSON).body(HANAKO)
                .when().put("/tenants/{t}/contacts/{c}", id, "hanako").then().statusCode(201)
                .body("id", equalTo("hanako")).body("name", equalTo("山田 花子"))
                .body("chatIds.slack", equalTo("U012AB3CD"));
        withKey(admin).when().get("/tenants/{t}/contacts/{c}", id, "hanako").then().statusCode(200)
                .body("email", equalTo("hanako@test.example")).body("chatIds.chatwork", equalTo("1234567"));
        TenantChanged created = published(id, 3);
        Contact stored = created.profile().contact("hanako").orElseThrow();
        assertEquals(Optional.of("U012AB3CD"), stored.chatId(ChannelType.SLACK));
        assertEquals(Optional.of("hanako@works.example"), stored.chatId(ChannelType.LINE_WORKS));

        withKey(admin).contentType(ContentType.JSON).body("{\"name\": \"佐藤 一郎\"}")
                .when().put("/tenants/{t}/contacts/{c}", id, "ichiro").then().statusCode(201);
        withKey(admin).contentType(ContentType.JSON).body("{\"name\": \"山田 花子\", \"email\": \"h.yamada@test.example\"}")
                .when().put("/tenants/{t}/contacts/{c}", id, "hanako").then().statusCode(200)
                .body("email", equalTo("h.yamada@test.example")).body("chatIds", nullValue());
        withKey(admin).when().get("/tenants/{t}/contacts", id).then().statusCode(200)
                .body("id", containsInAnyOrder("hanako", "ichiro"));
        assertEquals(Optional.of("h.yamada@test.example"),
                published(id, 5).profile().contact("hanako").orElseThrow().email());

        withKey(admin).when().delete("/tenants/{t}/contacts/{c}", id, "hanako").then().statusCode(204);
        withKey(admin).when().get("/tenants/{t}/contacts/{c}", id, "hanako").then().statusCode(404)
                .contentType("application/problem+json");
        withKey(admin).when().delete("/tenants/{t}/contacts/{c}", id, "hanako").then().statusCode(404);
        withKey(admin).when().get("/tenants/{t}/contacts", id).then().body("id", containsInAnyOrder("ichiro"));
        assertEquals(Optional.empty(), published(id, 6).profile().contact("hanako"));
        withKey(admin).when().get("/tenants/{t}", id).then().body("revision", equalTo(6));
    }

    @Test
    void invalidContactsNameEveryFieldAtFaultAndChangeNothing() {
        String id = uniqueId("badcontact");
        createTenant(id);
        withKey(DemoKeys.PLATFORM).contentType(ContentType.JSON).body("""
                {"name": "山田 花子", "email": "not-an-address",
                 "chatIds": {"slack": "hanako", "chatwork": "12a", "teams": "hanako", "line_works": "花子",
                             "skype": "hanako"}}""")
                .when().put("/tenants/{t}/contacts/{c}", id, "Hanako!").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("id", "email", "chatIds.slack", "chatIds.chatwork",
                        "chatIds.teams", "chatIds.line_works", "chatIds.skype"));
        withKey(DemoKeys.PLATFORM).contentType(ContentType.JSON).body("{\"email\": \"a@test.example\"}")
                .when().put("/tenants/{t}/contacts/{c}", id, "hanako").then().statusCode(422)
                .body("errors.field", containsInAnyOrder("name"));
        withKey(DemoKeys.PLATFORM).when().get("/tenants/{t}/contacts", id).then().statusCode(200).body("", hasSize(0));
        withKey(DemoKeys.PLATFORM).when().get("/tenants/{t}", id).then().body("revision", equalTo(1));
    }

    @Test
    void anotherTenantsKeyFindsNoContactsAndChangesNone() {
        String a = uniqueId("contacts-a");
        String b = uniqueId("contacts-b");
        createTenant(a);
        createTenant(b);
        TenantApi.putContact(b, "hanako", HANAKO);
        String adminOfA = issueKey(a, "ADMIN");

        withKey(adminOfA).when().get("/tenants/{t}/contacts", b).then().statusCode(404);
        withKey(adminOfA).when().get("/tenants/{t}/contacts/{c}", b, "hanako").then().statusCode(404);
        withKey(adminOfA).contentType(ContentType.JSON).body("{\"name\": \"乗っ取り\"}")
                .when().put("/tenants/{t}/contacts/{c}", b, "hanako").then().statusCode(404);
        withKey(adminOfA).when().delete("/tenants/{t}/contacts/{c}", b, "hanako").then().statusCode(404);
        withKey(adminOfA).when().get("/tenants/{t}/contacts/{c}", a, "hanako").then().statusCode(404);
        withKey(issueKey(a, "OPERATOR")).when().get("/tenants/{t}/contacts", a).then().statusCode(403);
        withKey(DemoKeys.PLATFORM).when().get("/tenants/{t}/contacts/{c}", b, "hanako").then().statusCode(200)
                .body("name", equalTo("山田 花子"));
    }

    private static TenantChanged published(String tenantId, long revision) {
        return TenantApi.published(kafka, tenantId, revision);
    }
}
