package io.orikaeshi.reporting;

import io.orikaeshi.events.CallReceived;
import io.orikaeshi.reporting.support.Calls;
import io.orikaeshi.reporting.support.Stream;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.orikaeshi.reporting.support.Api.asClient;
import static io.orikaeshi.reporting.support.Stream.eventually;
import static io.orikaeshi.reporting.support.Stream.publish;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Tenant plan-test (Asia/Tokyo, see application.properties): 100 yen per call from 2026-01-01; from 2026-03-16,
 * 120 yen plus 30 yen for its hearing item. Calls are placed on the edges of days in Tokyo time.
 */
@QuarkusTest
class BillingTest {

    private static final List<CallReceived> CALLS = List.of(
            Calls.of("plan-test", Instant.parse("2026-02-28T14:59:00Z")).event(), // 02-28 23:59 JST: February
            Calls.of("plan-test", Instant.parse("2026-02-28T15:30:00Z")).event(), // 03-01 00:30 JST: old plan
            Calls.of("plan-test", Instant.parse("2026-03-15T14:59:00Z")).event(), // 03-15 23:59 JST: old plan
            Calls.of("plan-test", Instant.parse("2026-03-15T15:00:00Z")).event(), // 03-16 00:00 JST: new plan
            Calls.of("plan-test", Instant.parse("2026-03-31T14:59:00Z")).event(), // 03-31 23:59 JST: new plan
            Calls.of("plan-test", Instant.parse("2026-03-31T15:10:00Z")).event()); // 04-01 00:10 JST: April

    @Test
    void planChangeMidMonthPricesEachDayWithThePlanInForceAndDuplicatesChangeNothing() {
        publish(CALLS.toArray(CallReceived[]::new));
        assertMarchBill();

        publish(CALLS.toArray(CallReceived[]::new));
        Stream.awaitConsumed();
        assertMarchBill();
        asClient("plan-test").get("/tenants/plan-test/billing?month=2026-04").then().statusCode(200)
                .body("lines.from", contains("2026-04-01")).body("lines.calls", contains(1))
                .body("total", equalTo(150));
    }

    private static void assertMarchBill() {
        eventually(() -> asClient("plan-test").get("/tenants/plan-test/billing?month=2026-03").then().statusCode(200)
                .body("month", equalTo("2026-03"))
                .body("lines.from", contains("2026-03-01", "2026-03-16"))
                .body("lines.to", contains("2026-03-15", "2026-03-31"))
                .body("lines.unitPrice", contains(100, 120)).body("lines.hearingPrice", contains(0, 30))
                .body("lines.calls", contains(2, 2)).body("lines.amount", contains(200, 300))
                .body("calls", equalTo(4)).body("total", equalTo(500)));
    }

    @Test
    void csvHasOneLinePerPlanAndTheTotal() {
        publish(CALLS.toArray(CallReceived[]::new));
        eventually(() -> asClient("plan-test").get("/tenants/plan-test/billing?month=2026-03").then().body("total",
                equalTo(500)));

        String csv = asClient("plan-test").get("/tenants/plan-test/billing.csv?month=2026-03").then().statusCode(200)
                .header("Content-Disposition", equalTo("attachment; filename=\"billing-plan-test-2026-03.csv\""))
                .extract().asString();
        assertEquals("\uFEFFmonth,from,to,unit_price_yen,hearing_price_yen,calls,amount_yen\r\n"
                + "2026-03,2026-03-01,2026-03-15,100,0,2,200\r\n"
                + "2026-03,2026-03-16,2026-03-31,120,30,2,300\r\n"
                + "2026-03,total,,,,4,500\r\n", csv);
    }

    @Test
    void aMonthBeforeTheFirstPlanBillsNothingAndAnInvalidMonthIsABadRequest() {
        asClient("acme-jp").get("/tenants/acme-jp/billing?month=2025-12").then().statusCode(200)
                .body("lines", org.hamcrest.Matchers.hasSize(0)).body("total", equalTo(0));
        asClient("acme-jp").get("/tenants/acme-jp/billing?month=2026-13").then().statusCode(400)
                .body("errors.field", contains("month"));
    }
}
