package io.orikaeshi.notification.service;

import io.orikaeshi.events.CallDetails;
import io.orikaeshi.events.CapturedItem;
import io.orikaeshi.events.Urgency;
import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.events.tenant.TenantProfile.Route;
import io.orikaeshi.kit.tenant.TenantSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Whom a call's report and alerts go to, decided by the tenant's routes alone. */
class RoutingTest {

    private static final List<String> FRONT_DESK = List.of("uketsuke@acme.example");

    static TenantSettings tenant(Optional<List<Route>> routes, boolean quietHours, String openingHours) {
        return new TenantSettings("acme-jp", 0, new TenantProfile("Acme", Optional.empty(), "ja", "Asia/Tokyo", "JP",
                Optional.of(FRONT_DESK), new TenantProfile.Calendar(openingHours, "JP", Optional.empty()),
                new TenantProfile.Promises(Duration.ofMinutes(15), Optional.empty(), "受付チーム", Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty()),
                Optional.empty(), new TenantProfile.Notifications(routes, quietHours, Optional.empty(), 120,
                        Duration.ofMinutes(1))),
                List.of());
    }

    private static TenantSettings routed(Route... routes) {
        return tenant(Optional.of(List.of(routes)), false, "MON-FRI 09:00-18:00");
    }

    private static Route route(String addressee, String purposeCategory, String recipient) {
        return new Route(Optional.ofNullable(addressee), Optional.ofNullable(purposeCategory), List.of(recipient));
    }

    private static CallDetails call(String addressee, String purposeCategory) {
        return new CallDetails(Instant.parse("2026-11-20T06:00:00Z"), "op-1", "tokyo", addressee,
                CapturedItem.provided("山田"), CapturedItem.provided("見積"), CapturedItem.provided("+81312345678"),
                Urgency.NORMAL, null, null, null, purposeCategory, List.of(), null);
    }

    @Test
    void withoutRoutesEveryCallGoesToTheReportRecipients() {
        assertEquals(FRONT_DESK, Routing.recipients(tenant(Optional.empty(), false, "MON-FRI 09:00-18:00"),
                call("佐藤", "見積")));
        assertEquals(FRONT_DESK, Routing.recipients(routed(), call("佐藤", "見積")));
    }

    @Test
    void aCallNoRouteMatchesFallsBackToTheReportRecipients() {
        assertEquals(FRONT_DESK, Routing.recipients(routed(route("佐藤", null, "sato@acme.example")),
                call("鈴木", "見積")));
    }

    @Test
    void theFirstMatchingRouteWins() {
        TenantSettings tenant = routed(route(null, "見積", "sales@acme.example"),
                route("佐藤", null, "sato@acme.example"));

        assertEquals(List.of("sales@acme.example"), Routing.recipients(tenant, call("佐藤", "見積")));
        assertEquals(List.of("sato@acme.example"), Routing.recipients(tenant, call("佐藤", "苦情")));
    }

    @Test
    void everyConditionARouteStatesMustMatch() {
        TenantSettings tenant = routed(route("佐藤", "見積", "sato-sales@acme.example"));

        assertEquals(List.of("sato-sales@acme.example"), Routing.recipients(tenant, call("佐藤", "見積")));
        assertEquals(FRONT_DESK, Routing.recipients(tenant, call("佐藤", "苦情")));
        assertEquals(FRONT_DESK, Routing.recipients(tenant, call("鈴木", "見積")));
    }

    @Test
    void conditionsMatchTheWholeValueIgnoringCaseAndSurroundingSpace() {
        TenantSettings tenant = routed(route(" Sales ", null, "sales@acme.example"));

        assertEquals(List.of("sales@acme.example"), Routing.recipients(tenant, call("sales  ", null)));
        assertEquals(List.of("sales@acme.example"), Routing.recipients(tenant, call("SALES", null)));
        assertEquals(FRONT_DESK, Routing.recipients(tenant, call("Sales team", null)));
    }

    @Test
    void aCallWithoutTheRoutedValueDoesNotMatch() {
        TenantSettings tenant = routed(route(null, "見積", "sales@acme.example"));

        assertEquals(FRONT_DESK, Routing.recipients(tenant, call("佐藤", null)));
    }

    @Test
    void aRouteWithoutConditionsMatchesNothingSoTheFallbackStaysVisible() {
        TenantSettings tenant = routed(route(null, null, "everything@acme.example"),
                route("佐藤", null, "sato@acme.example"));

        assertEquals(FRONT_DESK, Routing.recipients(tenant, call("鈴木", "見積")));
        assertEquals(List.of("sato@acme.example"), Routing.recipients(tenant, call("佐藤", "見積")));
    }
}
