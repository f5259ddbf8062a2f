package io.orikaeshi.reporting;

import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackCancelled;
import io.orikaeshi.events.CallbackChased;
import io.orikaeshi.events.CallbackCompleted;
import io.orikaeshi.events.CallbackEscalated;
import io.orikaeshi.events.CallbackExtended;
import io.orikaeshi.events.CallbackOverdue;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.reporting.support.Calls;
import io.orikaeshi.reporting.support.Stream;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.orikaeshi.reporting.support.Api.asClient;
import static io.orikaeshi.reporting.support.Stream.eventually;
import static io.orikaeshi.reporting.support.Stream.publish;
import static org.hamcrest.Matchers.contains;

/**
 * SLA of acme-jp (Asia/Tokyo) on Mon 2026-02-02 and Tue 2026-02-03, against figures computed by hand:
 * <pre>
 * A 佐藤 recv 10:00 due 11:00 done 10:30            kept, 1800 s
 * B 佐藤 recv 10:00 due 10:30 overdue, escalated 1, done 11:00   late, 3600 s
 * C 鈴木 recv 12:00 due 12:30 extended to 14:00, chased twice, done 13:30   kept (due in force), 5400 s
 * D 鈴木 recv 15:00 due 16:00 overdue, never done      late, measured, no time
 * E 鈴木 recv 15:00 cancelled                          not counted
 * F 佐藤 recv Tue 09:00 due 10:00 done 09:10          kept, 600 s
 * G      recv 16:00 without promise                    not a promise
 * Monday: 4 promises, 4 measured, 2 kept (0.5); times 1800, 3600, 5400: median (rank 2) 3600, p90 (rank 3) 5400;
 *         2 overdue, 1 escalation, 2 chases.   Tuesday: 1, 1, 1 (1.0), 600, 600, 0, 0, 0.
 * Week of Monday: 5, 5, 3 (0.6); 600, 1800, 3600, 5400: median (rank 2) 1800, p90 (rank 4) 5400; 2, 1, 2.
 * </pre>
 */
@QuarkusTest
class SlaTest {

    private static Instant jst(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(java.time.ZoneId.of("Asia/Tokyo")).toInstant();
    }

    private static List<OrikaeshiEvent> scenario() {
        List<OrikaeshiEvent> events = new ArrayList<>();
        CallReceived a = Calls.of("acme-jp", jst("2026-02-02T10:00:00")).promised(jst("2026-02-02T11:00:00"), "佐藤")
                .event();
        events.add(a);
        events.add(CallbackCompleted.of("acme-jp", a.callId(), jst("2026-02-02T10:30:00"), "佐藤"));
        CallReceived b = Calls.of("acme-jp", jst("2026-02-02T10:00:00")).promised(jst("2026-02-02T10:30:00"), "佐藤")
                .event();
        events.add(b);
        events.add(CallbackOverdue.of("acme-jp", b.callId(), jst("2026-02-02T10:30:00"), jst("2026-02-02T10:30:00"),
                "佐藤"));
        events.add(CallbackEscalated.of("acme-jp", b.callId(), jst("2026-02-02T10:40:00"), jst("2026-02-02T10:30:00"),
                1, "佐藤"));
        events.add(CallbackCompleted.of("acme-jp", b.callId(), jst("2026-02-02T11:00:00"), "佐藤"));
        CallReceived c = Calls.of("acme-jp", jst("2026-02-02T12:00:00")).promised(jst("2026-02-02T12:30:00"), "鈴木")
                .event();
        events.add(c);
        events.add(CallbackExtended.of("acme-jp", c.callId(), jst("2026-02-02T12:20:00"), jst("2026-02-02T12:30:00"),
                jst("2026-02-02T14:00:00"), "鈴木"));
        events.add(CallbackChased.of("acme-jp", c.callId(), jst("2026-02-02T12:50:00"), "c1", 1));
        events.add(CallbackChased.of("acme-jp", c.callId(), jst("2026-02-02T13:10:00"), "c2", 2));
        events.add(CallbackCompleted.of("acme-jp", c.callId(), jst("2026-02-02T13:30:00"), "鈴木"));
        CallReceived d = Calls.of("acme-jp", jst("2026-02-02T15:00:00")).promised(jst("2026-02-02T16:00:00"), "鈴木")
                .event();
        events.add(d);
        events.add(CallbackOverdue.of("acme-jp", d.callId(), jst("2026-02-02T16:00:00"), jst("2026-02-02T16:00:00"),
                "鈴木"));
        CallReceived e = Calls.of("acme-jp", jst("2026-02-02T15:00:00")).promised(jst("2026-02-02T17:00:00"), "鈴木")
                .event();
        events.add(e);
        events.add(CallbackCancelled.of("acme-jp", e.callId(), jst("2026-02-02T15:10:00"), "no longer needed", "鈴木"));
        CallReceived f = Calls.of("acme-jp", jst("2026-02-03T09:00:00")).promised(jst("2026-02-03T10:00:00"), "佐藤")
                .event();
        events.add(f);
        events.add(CallbackCompleted.of("acme-jp", f.callId(), jst("2026-02-03T09:10:00"), "佐藤"));
        events.add(Calls.of("acme-jp", jst("2026-02-02T16:00:00")).event());
        return events;
    }

    private static ValidatableResponse sla(String query) {
        return asClient("acme-jp").get("/tenants/acme-jp/sla?from=2026-02-02&to=2026-02-08&" + query).then()
                .statusCode(200);
    }

    private static void assertHandComputedFigures() {
        eventually(() -> sla("period=day")
                .body("periodStart", contains("2026-02-02", "2026-02-03"))
                .body("promises", contains(4, 1)).body("measured", contains(4, 1)).body("keptOnTime", contains(2, 1))
                .body("keptShare", contains(0.5f, 1.0f))
                .body("medianSecondsToCallback", contains(3600, 600)).body("p90SecondsToCallback", contains(5400, 600))
                .body("overdue", contains(2, 0)).body("escalations", contains(1, 0)).body("chases", contains(2, 0)));
        sla("period=week").body("periodStart", contains("2026-02-02")).body("promises", contains(5))
                .body("keptOnTime", contains(3)).body("keptShare", contains(0.6f))
                .body("medianSecondsToCallback", contains(1800)).body("p90SecondsToCallback", contains(5400))
                .body("overdue", contains(2)).body("escalations", contains(1)).body("chases", contains(2));
        sla("period=day&byAssignee=true").body("assignee", contains("佐藤", "鈴木", "佐藤"))
                .body("promises", contains(2, 2, 1)).body("keptOnTime", contains(1, 1, 1))
                .body("medianSecondsToCallback", contains(1800, 5400, 600))
                .body("p90SecondsToCallback", contains(3600, 5400, 600))
                .body("escalations", contains(1, 0, 0)).body("chases", contains(0, 2, 0));
        sla("period=month").body("periodStart", contains("2026-02-01")).body("promises", contains(5));
    }

    @Test
    void figuresMatchTheHandComputedOnesAndStayTheSameWhenEveryEventIsDeliveredTwice() {
        List<OrikaeshiEvent> events = scenario();
        publish(events.toArray(OrikaeshiEvent[]::new));
        assertHandComputedFigures();

        publish(events.toArray(OrikaeshiEvent[]::new));
        Stream.awaitConsumed();
        assertHandComputedFigures();
    }

    @Test
    void badPeriodOrRangeIsABadRequest() {
        asClient("acme-jp").get("/tenants/acme-jp/sla?from=2026-02-02&to=2026-02-08&period=year").then().statusCode(400)
                .body("errors.field", contains("period"));
        asClient("acme-jp").get("/tenants/acme-jp/sla?from=2026-02-08&to=2026-02-02").then().statusCode(400)
                .body("errors.field", contains("to"));
        asClient("acme-jp").get("/tenants/acme-jp/sla?to=2026-02-02").then().statusCode(400).body("errors.field",
                contains("from"));
    }
}
