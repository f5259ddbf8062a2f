package io.orikaeshi.reporting;

import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.NotificationDeferred;
import io.orikaeshi.events.NotificationSent;
import io.orikaeshi.reporting.support.Calls;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.orikaeshi.reporting.support.Api.asClient;
import static io.orikaeshi.reporting.support.Stream.eventually;
import static io.orikaeshi.reporting.support.Stream.publish;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Call log filters, keyset pagination, CSV export and the delivery log. Calls are in a week of their own (2026-05). */
@QuarkusTest
class CallLogQueryTest {

    private static final Instant WEEK = Instant.parse("2026-05-11T00:00:00Z");

    @Test
    void filtersCombineOnTimeRangeAddresseePurposeNumberCaptureStatusAndUrgency() {
        Instant t = WEEK;
        CallReceived quote = Calls.of("acme-jp", t.plusSeconds(60)).to("鈴木").about("見積もりの件").event();
        CallReceived urgentQuote = Calls.of("acme-jp", t.plusSeconds(120)).to("鈴木").about("至急 見積もり").urgent().event();
        CallReceived declined = Calls.of("acme-jp", t.plusSeconds(180)).to("鈴木").about("請求書").numberDeclined().event();
        CallReceived otherNumber = Calls.of("acme-jp", t.plusSeconds(240)).to("田中").about("見積もり")
                .from("+81612345678").event();
        CallReceived outOfRange = Calls.of("acme-jp", t.plusSeconds(86400)).to("鈴木").about("見積もり").event();
        publish(quote, urgentQuote, declined, otherNumber, outOfRange);
        String range = "from=2026-05-11T00:00:00Z&to=2026-05-12T00:00:00Z";

        eventually(
                () -> asClient("acme-jp").get("/tenants/acme-jp/calls?" + range).then().statusCode(200).body("callId",
                        contains(otherNumber.callId(), declined.callId(), urgentQuote.callId(), quote.callId())));
        asClient("acme-jp").get("/tenants/acme-jp/calls?" + range + "&addressee=鈴木&purpose=見積").then()
                .body("callId", contains(urgentQuote.callId(), quote.callId()));
        asClient("acme-jp").get("/tenants/acme-jp/calls?" + range + "&urgency=urgent").then()
                .body("callId", contains(urgentQuote.callId()));
        asClient("acme-jp").get("/tenants/acme-jp/calls?" + range + "&captureStatus=DECLINED").then()
                .body("callId", contains(declined.callId()));
        asClient("acme-jp").queryParam("callerNumber", "+81612345678").get("/tenants/acme-jp/calls?" + range)
                .then().body("callId", contains(otherNumber.callId()));
        asClient("acme-jp").get("/tenants/acme-jp/calls?urgency=soon").then().statusCode(400)
                .body("errors.field", contains("urgency"));
    }

    @Test
    void cursorPagesThroughEveryCallOnceInOrderWhileNewCallsArrive() {
        Instant t = WEEK.plusSeconds(2 * 86400);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            CallReceived call = Calls.of("acme-jp", t.plusSeconds(i)).event();
            publish(call);
            expected.add(0, call.callId());
        }
        String range = "from=2026-05-13T00:00:00Z&to=2026-05-14T00:00:00Z";
        eventually(() -> asClient("acme-jp").get("/tenants/acme-jp/calls?limit=1000&" + range).then().body("$",
                hasSize(7)));

        List<String> seen = new ArrayList<>();
        Response page = asClient("acme-jp").get("/tenants/acme-jp/calls?limit=3&" + range);
        // A call arriving between pages is newer than the cursor: it must neither repeat nor shift a row.
        publish(Calls.of("acme-jp", t.plusSeconds(100)).event());
        while (true) {
            page.then().statusCode(200);
            seen.addAll(page.jsonPath().getList("callId"));
            String cursor = page.header("X-Next-Cursor");
            if (cursor == null) {
                break;
            }
            page.then().header("Link", containsString("cursor=" + cursor));
            page = asClient("acme-jp").get("/tenants/acme-jp/calls?limit=3&" + range + "&cursor=" + cursor);
        }
        assertEquals(expected, seen);
        asClient("acme-jp").get("/tenants/acme-jp/calls?cursor=not-a-cursor").then().statusCode(400)
                .body("errors.field", contains("cursor"));
    }

    @Test
    void csvExportHasAHeaderAndOneQuotedRowPerFilteredCall() {
        Instant t = WEEK.plusSeconds(3 * 86400);
        CallReceived call = Calls.of("globex-us", t).to("Smith, John").about("=HYPERLINK(\"x\")").event();
        publish(call);
        String range = "from=2026-05-14T00:00:00Z&to=2026-05-15T00:00:00Z";
        eventually(() -> asClient("globex-us").get("/tenants/globex-us/calls?" + range).then().body("$", hasSize(1)));

        String csv = asClient("globex-us").get("/tenants/globex-us/calls.csv?" + range).then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(2, lines.length);
        assertEquals("\uFEFFcall_id", lines[0].substring(0, 8));
        // The comma is quoted, and the would-be formula is neutralised with a leading apostrophe.
        org.hamcrest.MatcherAssert.assertThat(lines[1], startsWith(call.callId() + ","));
        org.hamcrest.MatcherAssert.assertThat(lines[1], containsString(",\"Smith, John\","));
        org.hamcrest.MatcherAssert.assertThat(lines[1], containsString(",\"'=HYPERLINK(\"\"x\"\")\","));
        org.hamcrest.MatcherAssert.assertThat(lines[1], containsString(",'+81312345678,"));
    }

    @Test
    void deliveryLogListsSentDeferredAndFailedEmailsOfTheCallInOrder() {
        CallReceived call = Calls.of("acme-jp", Instant.now()).event();
        Instant t = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        publish(call,
                NotificationDeferred.of("acme-jp", call.callId(), t, "m-1", "REPORT", "uketsuke@acme.example",
                        t.plusSeconds(600), "quiet hours"),
                NotificationSent.of("acme-jp", call.callId(), t.plusSeconds(600), "m-1", "REPORT",
                        "uketsuke@acme.example"),
                io.orikaeshi.events.NotificationFailed.of("acme-jp", call.callId(), t.plusSeconds(700), "m-2", "ALERT",
                        "sv@acme.example", "550 mailbox unavailable"));

        eventually(() -> asClient("acme-jp").get("/tenants/acme-jp/calls/{id}/deliveries", call.callId()).then()
                .statusCode(200)
                .body("outcome", contains("DEFERRED", "SENT", "FAILED"))
                .body("[0].deferredUntil", equalTo(t.plusSeconds(600).toString()))
                .body("[1].recipient", equalTo("uketsuke@acme.example"))
                .body("[2].reason", equalTo("550 mailbox unavailable"))
                .body("[1].reason", nullValue()));
        asClient("globex-us").get("/tenants/globex-us/calls/{id}/deliveries", call.callId()).then().statusCode(404)
                .contentType("application/problem+json");
    }
}
