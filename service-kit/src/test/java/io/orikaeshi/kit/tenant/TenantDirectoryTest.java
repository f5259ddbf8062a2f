package io.orikaeshi.kit.tenant;

import io.orikaeshi.events.tenant.TenantChanged;
import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.kit.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TenantDirectoryTest {

    private static TenantDirectory directoryWith(String tenantId) {
        TenantDirectory directory = new TenantDirectory(Map::of);
        directory.apply(TenantChanged.of(tenantId, 1, Instant.parse("2026-11-20T00:00:00Z"), new TenantProfile("Acme",
                Optional.empty(), "ja", "Asia/Tokyo", "JP", Optional.empty(),
                new TenantProfile.Calendar("MON-FRI 09:00-18:00", "JP", Optional.empty()),
                new TenantProfile.Promises(Duration.ofMinutes(15), Optional.empty(), "受付チーム",
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                Optional.empty(), TenantProfile.Notifications.defaults()), List.of()));
        return directory;
    }

    @Test
    void requireGivesTheTenantTheRequestNames() {
        assertEquals("acme-jp", directoryWith("acme-jp").require("acme-jp").id());
    }

    @Test
    void anUnknownTenantIsAnsweredLikeAMissingResource() {
        ProblemException problem = assertThrows(ProblemException.class,
                () -> directoryWith("acme-jp").require("globex"));

        assertEquals(404, problem.status());
        assertEquals("Tenant does not exist", problem.getMessage());
    }

    @Test
    void noTenantNamedIsAnsweredLikeAMissingResource() {
        ProblemException problem = assertThrows(ProblemException.class, () -> directoryWith("acme-jp").require(null));

        assertEquals(404, problem.status());
    }
}
