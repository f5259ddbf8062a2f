package io.orikaeshi.intake;

import io.orikaeshi.infra.DemoKeys;
import io.orikaeshi.kit.calendar.Holidays;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.orikaeshi.intake.IntakeApi.inMinutes;
import static io.orikaeshi.intake.IntakeApi.provided;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * POST /tenants/{t}/promise-preview answers the due time the call itself then gets: each promise kind is previewed,
 * then a call with the same receivedAt and callback is recorded, and the two due times must be the same instant.
 */
@QuarkusTest
class PromisePreviewTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    /** Open every day of the week, split by a lunch break: only national holidays close it. */
    private static final String EVERY_DAY_SPLIT = "MON-SUN 09:00-12:00,13:00-18:00";
    private static String holidayTenant;
    private static String holidayOperator;

    /** Created on first use: the application is not yet listening when a {@code @BeforeAll} runs. */
    private static synchronized void tenantWithAHolidayInEveryPromise() {
        if (holidayTenant != null) {
            return;
        }
        holidayTenant = TenantApi.uniqueId("preview");
        // 8 business hours a day, so PT640H is 80 open days: longer than the longest gap between two Japanese
        // holidays (early May to mid July), so every such promise spans at least one holiday.
        String body = TenantApi.tenantBody(holidayTenant, null)
                .replace("MON-FRI 09:00-18:00", EVERY_DAY_SPLIT)
                .replace("\"defaultPromise\": \"PT2H\"",
                        "\"defaultPromise\": \"PT640H\", \"nextBusinessDayWithin\": \"PT4H\"");
        TenantApi.withKey(DemoKeys.PLATFORM).contentType(ContentType.JSON).body(body)
                .when().post("/tenants").then().statusCode(201);
        holidayOperator = TenantApi.issueKey(holidayTenant, "OPERATOR");
    }

    @Test
    void byTimeIsKeptLiterally() {
        String due = inMinutes(95);
        Instant previewed = agree("acme-jp", DemoKeys.operator("acme-jp"), received(0),
                "{\"kind\": \"BY_TIME\", \"dueAt\": \"" + due + "\", \"assignee\": \"佐藤\"}");
        assertEquals(OffsetDateTime.parse(due).toInstant(), previewed);
    }

    @Test
    void withinCountsFromWhenTheCallWasReceived() {
        String received = received(2);
        Instant previewed = agree("acme-jp", DemoKeys.operator("acme-jp"), received,
                "{\"kind\": \"WITHIN\", \"within\": \"PT30M\"}");
        assertEquals(OffsetDateTime.parse(received).toInstant().plusSeconds(1800), previewed);
    }

    @Test
    void windowIsDueAtItsEndAndShowsItsStart() {
        String from = inMinutes(60);
        String to = inMinutes(180);
        Instant previewed = agree("acme-jp", DemoKeys.operator("acme-jp"), received(0),
                "{\"kind\": \"WINDOW\", \"notBefore\": \"" + from + "\", \"dueAt\": \"" + to + "\"}");
        assertEquals(OffsetDateTime.parse(to).toInstant(), previewed);
        preview("acme-jp", DemoKeys.operator("acme-jp"), null,
                "{\"kind\": \"WINDOW\", \"notBefore\": \"" + from + "\", \"dueAt\": \"" + to + "\"}")
                .statusCode(200).body("notBefore", equalTo(OffsetDateTime.parse(from).atZoneSameInstant(TOKYO)
                        .toOffsetDateTime().toString()));
    }

    @Test
    void nextBusinessDayOnTheDemoTenantIsNoonOfAWorkingDay() {
        Instant previewed = agree("acme-jp", DemoKeys.operator("acme-jp"), received(0),
                "{\"kind\": \"NEXT_BUSINESS_DAY\"}");
        ZonedDateTime local = previewed.atZone(TOKYO);
        assertEquals(LocalTime.NOON, local.toLocalTime(), "three business hours after a 09:00 opening");
        assertTrue(local.getDayOfWeek().getValue() <= DayOfWeek.FRIDAY.getValue(), local.toString());
        assertTrue(!Holidays.ofCountry("JP").isHoliday(local.toLocalDate()), local + " is a holiday");
    }

    @Test
    void nextBusinessDayCountsAcrossTheSplitShiftsBreak() {
        tenantWithAHolidayInEveryPromise();
        Instant previewed = agree(holidayTenant, holidayOperator, received(0), "{\"kind\": \"NEXT_BUSINESS_DAY\"}");
        ZonedDateTime local = previewed.atZone(TOKYO);
        // 09:00-12:00 is three hours; the fourth comes after the 12:00-13:00 break.
        assertEquals(LocalTime.of(14, 0), local.toLocalTime());
        assertTrue(!Holidays.ofCountry("JP").isHoliday(local.toLocalDate()), local + " is a holiday");
    }

    @Test
    void tenantDefaultOnTheDemoTenantCountsBusinessHours() {
        Instant previewed = agree("acme-jp", DemoKeys.operator("acme-jp"), received(1), "{}");
        ZonedDateTime local = previewed.atZone(TOKYO);
        assertTrue(
                !local.toLocalTime().isBefore(LocalTime.of(9, 0)) && !local.toLocalTime().isAfter(LocalTime.of(18, 0)),
                "due within opening hours: " + local);
    }

    @Test
    void tenantDefaultSkipsJapaneseHolidays() {
        tenantWithAHolidayInEveryPromise();
        String received = received(0);
        Instant previewed = agree(holidayTenant, holidayOperator, received, "{\"kind\": \"TENANT_DEFAULT\"}");
        LocalDate start = OffsetDateTime.parse(received).atZoneSameInstant(TOKYO).toLocalDate();
        LocalDate end = previewed.atZone(TOKYO).toLocalDate();
        Holidays japan = Holidays.ofCountry("JP");
        List<LocalDate> holidays = start.datesUntil(end).filter(japan::isHoliday).toList();
        assertTrue(!holidays.isEmpty(), "the promise spans no holiday: " + start + ".." + end);
        // 80 open days of 8 hours (81 dates when the first day was partly over): a calendar that counted the
        // holidays as open would end sooner, with fewer non-holiday dates in between.
        long openDays = start.datesUntil(end.plusDays(1)).filter(d -> !japan.isHoliday(d)).count();
        assertTrue(openDays >= 80 && openDays <= 81, openDays + " open days from " + start + " to " + end
                + ", skipping " + holidays);
    }

    @Test
    void invalidPromisesAreRefusedWithTheFieldsTheCallWouldBeRefusedWith() {
        String key = DemoKeys.operator("acme-jp");
        preview("acme-jp", key, null, "{\"kind\": \"WITHIN\"}")
                .statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("callback.within"));
        preview("acme-jp", key, null, "{\"kind\": \"BY_TIME\", \"dueAt\": \"" + inMinutes(-5) + "\"}")
                .statusCode(422).body("errors.field", hasItem("callback.dueAt"));
        preview("acme-jp", key, null, "{\"kind\": \"WINDOW\", \"notBefore\": \"" + inMinutes(90) + "\", \"dueAt\": \""
                + inMinutes(30) + "\"}").statusCode(422).body("errors.field", hasItem("callback.notBefore"));
        call("acme-jp", key, null, "{\"kind\": \"WINDOW\", \"notBefore\": \"" + inMinutes(90) + "\", \"dueAt\": \""
                + inMinutes(30) + "\"}").statusCode(422).body("errors.field", hasItem("callback.notBefore"));
        preview("acme-jp", key, null, "{\"kind\": \"SOMETIME\"}").statusCode(400);
    }

    @Test
    void previewNeedsAKeyOfTheTenant() {
        given().contentType(ContentType.JSON).body("{\"callback\": {}}")
                .when().post("/tenants/acme-jp/promise-preview").then().statusCode(401);
        preview("acme-jp", DemoKeys.operator("globex-us"), null, "{}").statusCode(404);
    }

    @Test
    void typedNumbersAreReadAsIntakeStoresThem() {
        given().header("Authorization", DemoKeys.bearer(DemoKeys.operator("acme-jp")))
                .queryParam("number", "０３（１２３４）５６７８")
                .when().get("/tenants/acme-jp/phone-numbers").then().statusCode(200)
                .body("valid", equalTo(true)).body("e164", equalTo("+81312345678"))
                .body("display", equalTo("03-1234-5678"));
        given().header("Authorization", DemoKeys.bearer(DemoKeys.operator("acme-jp")))
                .queryParam("number", "12")
                .when().get("/tenants/acme-jp/phone-numbers").then().statusCode(200).body("valid", equalTo(false));
    }

    @Test
    void consoleContextNamesTheTenantsHearingItemsAndPool() {
        given().header("Authorization", DemoKeys.bearer(DemoKeys.operator("acme-jp")))
                .when().get("/tenants/acme-jp/console-context").then().statusCode(200)
                .body("timeZone", equalTo("Asia/Tokyo")).body("pool", equalTo("受付チーム"))
                .body("hearingItems", hasItem("ご希望の折り返し時間帯"));
    }

    /** Previews, records a call with the same receivedAt and callback, and checks both name the same instant. */
    private static Instant agree(String tenant, String key, String receivedAt, String callback) {
        String previewed = preview(tenant, key, receivedAt, callback).statusCode(200).extract().path("dueAt");
        String recorded = call(tenant, key, receivedAt, callback).statusCode(201).extract().path("callbackDueAt");
        Instant due = OffsetDateTime.parse(previewed).toInstant();
        assertEquals(Instant.parse(recorded), due,
                "preview " + previewed + " vs call " + recorded + " for " + callback);
        return due;
    }

    private static ValidatableResponse preview(String tenant, String key, String receivedAt, String callback) {
        String body = "{" + (receivedAt == null ? "" : "\"receivedAt\": \"" + receivedAt + "\", ")
                + "\"callback\": " + callback + "}";
        return with(key).body(body).when().post("/tenants/{t}/promise-preview", tenant).then();
    }

    private static ValidatableResponse call(String tenant, String key, String receivedAt, String callback) {
        String body = """
                {%s"addressee": "佐藤", "callerName": %s, "purpose": %s, "callbackNumber": {"status": "DECLINED"},
                 "callback": %s}""".formatted(receivedAt == null ? "" : "\"receivedAt\": \"" + receivedAt + "\", ",
                provided("プレビュー 確認"), provided("期限の確認"), callback);
        return with(key).body(body).when().post("/tenants/{t}/calls", tenant).then();
    }

    private static RequestSpecification with(String key) {
        return given().header("Authorization", DemoKeys.bearer(key)).contentType(ContentType.JSON);
    }

    private static String received(long minutesAgo) {
        return OffsetDateTime.now(ZoneOffset.ofHours(9)).minusMinutes(minutesAgo).truncatedTo(ChronoUnit.SECONDS)
                .toString();
    }
}
