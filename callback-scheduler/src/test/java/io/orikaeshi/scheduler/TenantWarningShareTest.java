package io.orikaeshi.scheduler;

import io.orikaeshi.events.AssigneeKind;
import io.orikaeshi.scheduler.repository.PlannedTimer;
import io.orikaeshi.scheduler.repository.TimerKind;
import io.orikaeshi.scheduler.service.PromisePolicies;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The warning lead is capped at a share of the promise window, per tenant: share-jp (13 minutes, at most 25 %) from
 * the test configuration, acme-jp (13 minutes) with the service default of 50 %.
 */
@QuarkusTest
class TenantWarningShareTest {

    private static final Instant PROMISED = Instant.parse("2026-11-24T01:00:00Z");

    @Inject
    PromisePolicies policies;

    private Duration warningLead(String tenant, Duration window) {
        Instant due = PROMISED.plus(window);
        PlannedTimer warn = policies.of(tenant).timers(PROMISED, due, AssigneeKind.PERSON).stream()
                .filter(t -> t.kind() == TimerKind.WARN).findFirst().orElseThrow();
        return Duration.between(warn.fireAt(), due);
    }

    @Test
    void tenantShareCapsTheWarningLeadOfAShortPromise() {
        assertEquals(Duration.ofMinutes(5), warningLead("share-jp", Duration.ofMinutes(20)), "25 % of 20 minutes");
    }

    @Test
    void tenantLeadAppliesWhenItIsBelowTheShare() {
        assertEquals(Duration.ofMinutes(13), warningLead("share-jp", Duration.ofHours(2)));
    }

    @Test
    void tenantWithoutAShareUsesTheServiceDefault() {
        assertEquals(Duration.ofMinutes(10), warningLead("acme-jp", Duration.ofMinutes(20)), "50 % of 20 minutes");
    }
}
