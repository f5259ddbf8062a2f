package io.orikaeshi.notification;

import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.EventFixtures;
import io.orikaeshi.events.Topics;
import io.orikaeshi.events.tenant.TenantChanged;
import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.infra.MailCatcher;
import io.orikaeshi.infra.DemoKeys;
import io.orikaeshi.infra.testing.InfraTestResource;
import io.orikaeshi.infra.testing.KafkaTestClient;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dead-letter workflow end to end, on a poison whose cause an operator can fix: a call of a tenant this service
 * was never told about is parked (after the inbox's patience) instead of being dropped; once the tenant is
 * configured, a replay sends its report, once.
 */
@QuarkusTest
class UnknownTenantReplayTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DLQ = Topics.deadLetter("notification-service");
    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.onTestInfrastructure();

    @Inject
    TenantDirectory tenants;

    @Test
    void aCallOfAnUnknownTenantIsParkedListedAndReportedOnceWhenReplayedAfterTheTenantIsConfigured()
            throws InterruptedException {
        MailCatcher mail = InfraTestResource.infra().mail();
        String tenant = "late-" + UUID.randomUUID().toString().substring(0, 8);
        String recipient = "uketsuke@" + tenant + ".example";
        CallReceived call = EventFixtures.callReceived(tenant, EventFixtures.newCallId(),
                Instant.now().plusSeconds(3600));
        kafka.send(Topics.CALL_EVENTS, call.key(), EventCodec.toJson(call));

        ConsumerRecord<String, String> parked = kafka.poll(DLQ, r -> call.callId().equals(r.key()), 1, WAIT).get(0);
        String reason = new String(parked.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
        assertEquals("cannot be applied: tenant " + tenant + " is not configured", reason);
        String id = parked.partition() + "-" + parked.offset();
        asPlatform().get("/admin/dead-letters").then().statusCode(200)
                .body("deadLetters.find { it.id == '" + id + "' }.callId", equalTo(call.callId()))
                .body("deadLetters.find { it.id == '" + id + "' }.reason", containsString("is not configured"));
        asPlatform().post("/admin/dead-letters/" + id + "/replay").then().statusCode(200);
        kafka.poll(DLQ, r -> call.callId().equals(r.key()) && r.offset() > parked.offset()
                && r.headers().lastHeader("dead-letter-reason") != null, 1, WAIT);
        assertTrue(mail.messages().stream().noneMatch(m -> m.textBody().contains(call.callId())),
                "replayed before the cause was fixed: parked again, nothing sent");

        configure(tenant, recipient);
        String again = asPlatform().get("/admin/dead-letters").then().statusCode(200).extract()
                .path("deadLetters.find { it.callId == '" + call.callId() + "' }.id");
        asPlatform().post("/admin/dead-letters/" + again + "/replay").then().statusCode(200);

        mail.awaitMessages(m -> m.to().contains(recipient) && m.textBody().contains(call.callId()), 1, WAIT);
        asPlatform().post("/admin/dead-letters/" + again + "/replay").then().statusCode(409);
        asPlatform().get("/admin/dead-letters").then().statusCode(200)
                .body("deadLetters.callId", not(hasItem(call.callId())));
        Thread.sleep(2000);
        assertEquals(1, mail.messages().stream().filter(m -> m.textBody().contains(call.callId())).count(),
                "one report, however often it was replayed");
    }

    /** What the admin API publishes when a tenant is created: a snapshot on the tenant feed. */
    private void configure(String tenant, String recipient) throws InterruptedException {
        TenantProfile profile = new TenantProfile("株式会社レイト", Optional.empty(), "ja", "Asia/Tokyo", "JP",
                Optional.of(List.of(recipient)),
                new TenantProfile.Calendar("MON-FRI 09:00-18:00", "JP", Optional.empty()),
                new TenantProfile.Promises(Duration.ofMinutes(10), Optional.empty(), "受付", Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty()),
                Optional.empty(), TenantProfile.Notifications.defaults());
        kafka.send(Topics.TENANT_EVENTS, tenant, EventCodec.toJson(TenantChanged.of(tenant, 1, Instant.now(),
                profile, List.of())));
        Instant until = Instant.now().plus(WAIT);
        while (tenants.find(tenant).isEmpty()) {
            assertTrue(Instant.now().isBefore(until), "the tenant never reached the service");
            Thread.sleep(200);
        }
    }

    private static RequestSpecification asPlatform() {
        return given().header("Authorization", DemoKeys.bearer(DemoKeys.PLATFORM));
    }
}
