package io.orikaeshi.intake;

import io.orikaeshi.events.tenant.TenantChanged;
import io.orikaeshi.events.tenant.TenantProfile.Channel;
import io.orikaeshi.events.tenant.TenantProfile.PersonalData;
import io.orikaeshi.infra.DemoKeys;
import io.orikaeshi.infra.testing.ServiceAccountKeys;
import io.orikaeshi.infra.testing.KafkaTestClient;
import io.orikaeshi.kit.secrets.SecretBox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.security.KeyPair;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.orikaeshi.intake.TenantApi.createTenant;
import static io.orikaeshi.intake.TenantApi.issueKey;
import static io.orikaeshi.intake.TenantApi.putChannel;
import static io.orikaeshi.intake.TenantApi.uniqueId;
import static io.orikaeshi.intake.TenantApi.withKey;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tenant's chat and webhook channels: validated per type; the secret is write-only, sealed in the store and on the
 * tenant topic (only SecretBox opens it), and a webhook's generated or rotated secret is shown once.
 */
@QuarkusTest
class ChannelAdminTest {

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.onTestInfrastructure();

    private static final String BOT_TOKEN = "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx";

    @Inject
    SecretBox box;

    @Test
    void aChannelSecretIsNeverShownAndTravelsOnlySealed() {
        String id = uniqueId("secret");
        createTenant(id);
        String admin = issueKey(id, "ADMIN");
        String put = withKey(admin).contentType(ContentType.JSON)
                .body("""
                        {"type": "SLACK", "room": "C0123ABCD", "secret": "%s", "personalData": "MASKED"}"""
                        .formatted(BOT_TOKEN))
                .when().put("/tenants/{t}/channels/{c}", id, "ops").then().statusCode(201)
                .body("id", equalTo("ops")).body("type", equalTo("SLACK")).body("room", equalTo("C0123ABCD"))
                .body("secretSet", equalTo(true)).body("personalData", equalTo("MASKED"))
                .body("$", not(hasKey("secret")))
                .extract().asString();
        List<String> answers = List.of(put,
                withKey(admin).when().get("/tenants/{t}/channels/{c}", id, "ops").then().statusCode(200)
                        .body("secretSet", equalTo(true)).extract().asString(),
                withKey(admin).when().get("/tenants/{t}/channels", id).then().statusCode(200)
                        .body("id", containsInAnyOrder("ops")).extract().asString(),
                withKey(admin).when().get("/tenants/{t}", id).then().statusCode(200)
                        .body("channels[0].id", equalTo("ops")).body("channels[0].secretSet", equalTo(true))
                        .body("settings.notifications.channels", nullValue()).extract().asString(),
                withKey(admin).contentType(ContentType.JSON).body(TenantApi.tenantBody(id, null))
                        .when().put("/tenants/{t}", id).then().statusCode(200)
                        .body("channels[0].secretSet", equalTo(true)).extract().asString());
        for (String answer : answers) {
            assertFalse(answer.contains(BOT_TOKEN), "no answer shows the secret: " + answer);
            assertFalse(answer.contains("sealed:"), "no answer shows the sealed secret: " + answer);
        }

        TenantChanged published = TenantApi.published(kafka, id, 3);
        Channel channel = published.profile().channel("ops").orElseThrow();
        assertTrue(SecretBox.sealed(channel.secret().orElseThrow()), "published sealed");
        assertEquals(BOT_TOKEN, box.open(channel.secret().orElseThrow()));
        assertEquals(PersonalData.MASKED, channel.personalData());
        assertFalse(kafka.readAll(io.orikaeshi.events.Topics.TENANT_EVENTS, Duration.ofSeconds(1)).stream()
                .anyMatch(r -> r.value().contains(BOT_TOKEN)), "the plain secret never travels");
        // The whole-tenant PUT (revision 4) left the channel as it was.
        assertEquals(channel, TenantApi.published(kafka, id, 4).profile().channel("ops").orElseThrow());

        // A change without a secret keeps the one the channel has.
        withKey(admin).contentType(ContentType.JSON).body("""
                {"type": "SLACK", "room": "C0999ZZZZ", "personalData": "LINK_ONLY"}""")
                .when().put("/tenants/{t}/channels/{c}", id, "ops").then().statusCode(200)
                .body("secretSet", equalTo(true)).body("room", equalTo("C0999ZZZZ"));
        Channel changed = TenantApi.published(kafka, id, 5).profile().channel("ops").orElseThrow();
        assertEquals(BOT_TOKEN, box.open(changed.secret().orElseThrow()));
        assertEquals(PersonalData.LINK_ONLY, changed.personalData());

        withKey(admin).when().delete("/tenants/{t}/channels/{c}", id, "ops").then().statusCode(204);
        withKey(admin).when().get("/tenants/{t}/channels/{c}", id, "ops").then().statusCode(404);
        assertTrue(TenantApi.published(kafka, id, 6).profile().channel("ops").isEmpty());
    }

    @Test
    void aWebhookWithoutASecretGetsAGeneratedOneShownOnlyInTheAnswerThatMadeIt() {
        String id = uniqueId("hook");
        createTenant(id);
        String secret = withKey(DemoKeys.PLATFORM).contentType(ContentType.JSON).body("""
                {"type": "WEBHOOK", "url": "http://127.0.0.1:9/hooks/orikaeshi", "personalData": "ALL"}""")
                .when().put("/tenants/{t}/channels/{c}", id, "crm").then().statusCode(201)
                .body("secretSet", equalTo(true)).extract().path("secret");
        assertEquals(32, java.util.Base64.getUrlDecoder().decode(secret).length);
        String read = withKey(DemoKeys.PLATFORM).when().get("/tenants/{t}/channels/{c}", id, "crm").then()
                .statusCode(200).body("$", not(hasKey("secret"))).extract().asString();
        assertFalse(read.contains(secret));
        assertEquals(secret, box.open(TenantApi.published(kafka, id, 2).profile().channel("crm").orElseThrow()
                .secret().orElseThrow()));

        String again = withKey(DemoKeys.PLATFORM).contentType(ContentType.JSON).body("""
                {"type": "WEBHOOK", "url": "https://crm.test.example/hooks", "personalData": "ALL"}""")
                .when().put("/tenants/{t}/channels/{c}", id, "crm").then().statusCode(200)
                .body("$", not(hasKey("secret"))).body("url", equalTo("https://crm.test.example/hooks"))
                .extract().asString();
        assertFalse(again.contains(secret));
        assertEquals(secret, box.open(TenantApi.published(kafka, id, 3).profile().channel("crm").orElseThrow()
                .secret().orElseThrow()), "a change without a secret keeps it");
    }

    @Test
    void aRotatedWebhookSecretKeepsThePreviousOneForADay() {
        String id = uniqueId("rotate");
        createTenant(id);
        String first = "first-signing-secret-0123456789";
        putChannel(id, "crm", """
                {"type": "WEBHOOK", "url": "https://crm.test.example/hooks", "secret": "%s", "personalData": "ALL"}"""
                .formatted(first));

        Instant before = Instant.now();
        Map<String, Object> rotated = withKey(DemoKeys.PLATFORM).when()
                .post("/tenants/{t}/channels/{c}/secret-rotation", id, "crm").then().statusCode(200)
                .body("id", equalTo("crm")).extract().as(Map.class);
        Instant after = Instant.now();
        String second = (String) rotated.get("secret");
        assertNotEquals(first, second);
        Instant previousUntil = Instant.parse((String) rotated.get("previousSecretUntil"));
        assertFalse(previousUntil.isBefore(before.plus(Duration.ofHours(24))), "kept for 24 hours");
        assertFalse(previousUntil.isAfter(after.plus(Duration.ofHours(24))), "kept for 24 hours");

        Channel published = TenantApi.published(kafka, id, 3).profile().channel("crm").orElseThrow();
        assertEquals(second, box.open(published.secret().orElseThrow()));
        assertEquals(first, box.open(published.previousSecret().orElseThrow()));
        assertEquals(previousUntil, published.previousUntil().orElseThrow());
        String read = withKey(DemoKeys.PLATFORM).when().get("/tenants/{t}/channels/{c}", id, "crm").then()
                .body("previousSecretUntil", equalTo(rotated.get("previousSecretUntil"))).extract().asString();
        assertFalse(read.contains(first) || read.contains(second) || read.contains("sealed:"));

        // Only a webhook's signing secret rotates; chat tokens are replaced with PUT.
        putChannel(id, "room", """
                {"type": "CHATWORK", "room": "123456", "secret": "0123456789abcdef0123", "personalData": "ALL"}""");
        withKey(DemoKeys.PLATFORM).when().post("/tenants/{t}/channels/{c}/secret-rotation", id, "room").then()
                .statusCode(409).contentType("application/problem+json");
        withKey(DemoKeys.PLATFORM).when().post("/tenants/{t}/channels/{c}/secret-rotation", id, "none").then()
                .statusCode(404);
    }

    @Test
    void eachChannelTypeIsCheckedForWhatItsServiceNeedsNamingTheField() {
        String id = uniqueId("badchan");
        createTenant(id);
        Map<String, List<String>> cases = Map.of(
                """
                        {"type": "SLACK", "secret": "%s", "personalData": "ALL"}""".formatted(BOT_TOKEN),
                List.of("room"),
                """
                        {"type": "SLACK", "secret": "hunter2-not-a-token", "personalData": "ALL"}""", List.of("secret"),
                """
                        {"type": "TEAMS", "secret": "http://example.com/webhook", "room": "x", "personalData": "ALL"}""",
                List.of("secret", "room"),
                """
                        {"type": "CHATWORK", "room": "general", "secret": "x", "personalData": "ALL"}""",
                List.of("room", "secret"),
                """
                        {"type": "CHATWORK", "room": "123456", "personalData": "ALL"}""", List.of("secret"),
                """
                        {"type": "LINE_WORKS", "room": "2000001/rooms/abc", "secret": "token-0123456789abcdef",
                         "personalData": "ALL"}""", List.of("room"),
                """
                        {"type": "WEBHOOK", "url": "http://example.com/hook", "secret": "short", "personalData": "ALL"}""",
                List.of("url", "secret"),
                """
                        {"type": "WEBHOOK", "personalData": "ALL"}""", List.of("url"),
                """
                        {"url": "https://crm.test.example/hooks"}""", List.of("type", "personalData"));
        cases.forEach((body, fields) -> {
            String answer = withKey(DemoKeys.PLATFORM).contentType(ContentType.JSON).body(body)
                    .when().put("/tenants/{t}/channels/{c}", id, "chan").then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("errors.field", containsInAnyOrder(fields.toArray())).extract().asString();
            assertFalse(answer.contains(BOT_TOKEN) || answer.contains("hunter2"), "a problem never repeats a secret");
        });
        withKey(DemoKeys.PLATFORM).contentType(ContentType.JSON).body("""
                {"type": "WEBHOOK", "url": "https://crm.test.example/hooks", "personalData": "ALL"}""")
                .when().put("/tenants/{t}/channels/{c}", id, "Not_An_Id!").then().statusCode(422)
                .body("errors.field", containsInAnyOrder("id"));
        withKey(DemoKeys.PLATFORM).when().get("/tenants/{t}", id).then().body("revision", equalTo(1));

        // Each type's valid form is accepted.
        putChannel(id, "slack-hook",
                """
                        {"type": "SLACK", "secret": "https://hooks.slack.com/services/T000/B000/XXXX", "personalData": "ALL"}""");
        putChannel(id, "teams",
                """
                        {"type": "TEAMS", "secret": "https://example.webhook.office.com/webhookb2/abc", "personalData": "ALL"}""");
        putChannel(id, "works", """
                {"type": "LINE_WORKS", "room": "2000001/users/hanako@works.example", "secret": "token-0123456789abcdef",
                 "url": "http://localhost:8089", "personalData": "MASKED"}""");
    }

    @Test
    void aLineWorksServiceAccountIsCheckedAndNeverShown() {
        String id = uniqueId("works");
        createTenant(id);
        KeyPair keys = ServiceAccountKeys.rsa();
        String pem = ServiceAccountKeys.pem(keys.getPrivate());
        String keyLine = pem.lines().skip(3).findFirst().orElseThrow();
        String clientSecret = "cs-" + id;
        String account = "bot.serviceaccount@works.example";
        Map<String, String> malformed = new LinkedHashMap<>();
        malformed.put("no client secret", ServiceAccountKeys.credential("client-1", null, account, pem, null));
        malformed.put("not a key", ServiceAccountKeys.credential("client-1", clientSecret, account,
                "-----BEGIN PRIVATE KEY-----\n" + keyLine + "\n-----END PRIVATE KEY-----", null));
        malformed.put("an EC key", ServiceAccountKeys.credential("client-1", clientSecret, account,
                ServiceAccountKeys.pem(ServiceAccountKeys.ec().getPrivate()), null));
        malformed.put("a PKCS#1 key", ServiceAccountKeys.credential("client-1", clientSecret, account,
                pem.replace("PRIVATE KEY", "RSA PRIVATE KEY"), null));
        malformed.put("not JSON", "{\"clientId\": \"client-1\", \"clientSecret\": \"" + clientSecret + "\"");
        malformed.put("a scope not text", "{\"clientId\": \"client-1\", \"clientSecret\": \"" + clientSecret
                + "\", \"serviceAccount\": \"" + account + "\", \"privateKey\": \"x\", \"scope\": 1}");
        malformed.forEach((what, credential) -> {
            String answer = withKey(DemoKeys.PLATFORM).contentType(ContentType.JSON).body(lineWorks(credential))
                    .when().put("/tenants/{t}/channels/{c}", id, "works").then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("errors.field", containsInAnyOrder("secret")).extract().asString();
            assertFalse(answer.contains(clientSecret) || answer.contains(keyLine),
                    what + ": a problem never repeats the credential: " + answer);
        });

        String credential = ServiceAccountKeys.credential("client-1", clientSecret, account, pem, null);
        String put = withKey(DemoKeys.PLATFORM).contentType(ContentType.JSON).body(lineWorks(credential))
                .when().put("/tenants/{t}/channels/{c}", id, "works").then().statusCode(201)
                .body("secretSet", equalTo(true)).body("$", not(hasKey("secret"))).extract().asString();
        String read = withKey(DemoKeys.PLATFORM).when().get("/tenants/{t}/channels/{c}", id, "works").then()
                .statusCode(200).body("$", not(hasKey("secret"))).extract().asString();
        for (String answer : List.of(put, read)) {
            assertFalse(answer.contains(clientSecret) || answer.contains(keyLine), answer);
        }
        Channel channel = TenantApi.published(kafka, id, 2).profile().channel("works").orElseThrow();
        assertEquals(credential, box.open(channel.secret().orElseThrow()), "sealed as given");
    }

    private static Map<String, String> lineWorks(String secret) {
        return Map.of("type", "LINE_WORKS", "room", "2000001/channels/abc", "secret", secret, "personalData", "ALL");
    }
}
