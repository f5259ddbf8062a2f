package io.orikaeshi.intake;

import io.orikaeshi.events.CallbackAcknowledged;
import io.orikaeshi.events.NotificationViewed;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.infra.testing.KafkaTestClient;
import io.orikaeshi.kit.links.LinkAction;
import io.orikaeshi.kit.links.LinkClaim;
import io.orikaeshi.kit.links.SignedLinks;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.orikaeshi.intake.IntakeApi.allPublished;
import static io.orikaeshi.intake.IntakeApi.callFrom;
import static io.orikaeshi.intake.IntakeApi.created;
import static io.orikaeshi.intake.IntakeApi.provided;
import static io.orikaeshi.intake.IntakeApi.published;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The VIEW links of messages: the page a reader sees, the read receipt, and acting from the page. */
@QuarkusTest
class LinkViewTest {

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.onTestInfrastructure();

    private static final Pattern ACKNOWLEDGE_FORM = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"");

    @Inject
    SignedLinks links;

    private String token(String tenant, String callId, LinkAction action, Instant expiry, String messageId) {
        return links.sign(new LinkClaim(tenant, callId, action, expiry, Optional.ofNullable(messageId)));
    }

    private String viewLink(String tenant, String callId, String messageId) {
        return token(tenant, callId, LinkAction.VIEW, Instant.now().plusSeconds(3600), messageId);
    }

    private static long viewed(List<OrikaeshiEvent> events) {
        return events.stream().filter(NotificationViewed.class::isInstance).count();
    }

    @Test
    void openingAViewLinkTwicePublishesOneViewedForTheMessageAndAcknowledgingCarriesIt() {
        String callId = created("acme-jp", callFrom("03-7777-1001", null));
        String messageId = "message-" + UUID.randomUUID();
        String view = viewLink("acme-jp", callId, messageId);

        String page = given().when().get("/links/{t}", view).then().statusCode(200)
                .header("Cache-Control", "no-store").body(containsString("山田 太郎"))
                .body(containsString("見積もりの件")).body(containsString("03-7777-1001"))
                .body(containsString("対応を引き受ける")).extract().asString();
        given().when().get("/links/{t}", view).then().statusCode(200);

        NotificationViewed first = published(kafka, callId, NotificationViewed.class);
        assertEquals(messageId, first.messageId());
        assertEquals("acme-jp", first.tenantId());

        // The page's first button acknowledges, through a link of its own for the same message.
        Matcher form = ACKNOWLEDGE_FORM.matcher(page);
        assertTrue(form.find(), page);
        given().when().post("/links/{t}", form.group(1)).then().statusCode(200)
                .body(containsString("対応を引き受けました"));
        assertEquals(messageId, published(kafka, callId, CallbackAcknowledged.class).messageId());

        // The acknowledgement left through the same outbox after both openings: the second one published nothing.
        List<OrikaeshiEvent> events = allPublished(kafka, callId);
        assertEquals(1, viewed(events), events::toString);
    }

    @Test
    void anyLinkNamingAMessageCountsAsViewedWithoutActing() {
        String callId = created("acme-jp", callFrom("03-7777-1002", null));
        String messageId = "message-" + UUID.randomUUID();

        given().when().get("/links/{t}", token("acme-jp", callId, LinkAction.COMPLETE,
                Instant.now().plusSeconds(600), messageId)).then().statusCode(200).body(containsString("完了にしますか"));

        assertEquals(messageId, published(kafka, callId, NotificationViewed.class).messageId());
        given().header("Authorization", io.orikaeshi.infra.DemoKeys.bearer(io.orikaeshi.infra.DemoKeys.operator(
                "acme-jp"))).when().get("/tenants/acme-jp/calls/{id}", callId).then()
                .body("callbackStatus", equalTo("OPEN"));
    }

    @Test
    void thePageEscapesTheCallersDataAndShowsEveryItemAndTheDueTimeInTheTenantsZoneAndLanguage() {
        OffsetDateTime due = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).withHour(19).withMinute(30).withSecond(0)
                .withNano(0);
        String callId = created("globex-us", """
                {"addressee": "<b>Sales</b>", "callerName": %s, "purpose": {"status": "DECLINED"},
                 "callbackNumber": %s, "notes": "\\"quoted\\" & <img src=x onerror=alert(2)>",
                 "callback": {"dueAt": "%s", "assignee": "Dana"}}
                """.formatted(provided("<script>alert(1)</script>"), provided("212-555-0100"), due));

        String page = given().when().get("/links/{t}", viewLink("globex-us", callId, "message-" + UUID.randomUUID()))
                .then().statusCode(200).body(not(containsString("<script>"))).body(not(containsString("<img")))
                .body(not(containsString("<b>Sales")))
                .body(containsString("&lt;script&gt;alert(1)&lt;/script&gt;"))
                .body(containsString("&lt;b&gt;Sales&lt;/b&gt;"))
                .body(containsString("&quot;quoted&quot; &amp; &lt;img"))
                .body(containsString("Asked, but the caller preferred not to give it"))
                .body(containsString("(212) 555-0100")).body(containsString("href=\"tel:+12125550100\""))
                .body(containsString("Take it on")).extract().asString();

        String expected = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm (z)", Locale.ENGLISH)
                .format(due.atZoneSameInstant(ZoneId.of("America/New_York")));
        assertTrue(page.contains(expected), () -> expected + " in " + page);
    }

    @Test
    void expiredForgedAndMisdirectedViewLinksAreRefusedAndRecordNothing() {
        String callId = created("acme-jp", callFrom("03-7777-1003", null));
        String expired = token("acme-jp", callId, LinkAction.VIEW, Instant.now().minusSeconds(1), "message-x1");
        String valid = viewLink("acme-jp", callId, "message-x2");
        String forged = token("acme-jp", callId, LinkAction.VIEW, Instant.now().plusSeconds(60), "message-x3")
                .split("\\.")[0] + valid.substring(valid.indexOf('.'));
        String otherTenant = viewLink("globex-us", callId, "message-x4");

        given().when().get("/links/{t}", expired).then().statusCode(410);
        given().when().get("/links/{t}", forged).then().statusCode(403);
        given().when().get("/links/{t}", otherTenant).then().statusCode(404).body(not(containsString("山田")));
        given().when().post("/links/{t}", otherTenant).then().statusCode(404);

        assertEquals(1, allPublished(kafka, callId).size(), "only CallReceived was published");
    }

    @Test
    void aViewLinkOfAMessageThatDoesNotNameItselfShowsTheCallAndRecordsNothing() {
        String callId = created("acme-jp", callFrom("03-7777-1004", null));

        given().when().get("/links/{t}", viewLink("acme-jp", callId, null)).then().statusCode(200)
                .body(containsString("山田 太郎"));

        assertEquals(0, viewed(allPublished(kafka, callId)));
    }
}
