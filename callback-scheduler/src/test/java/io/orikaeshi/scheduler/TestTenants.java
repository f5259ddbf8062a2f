package io.orikaeshi.scheduler;

import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.Topics;
import io.orikaeshi.events.tenant.TenantChanged;
import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.infra.testing.KafkaTestClient;
import io.orikaeshi.kit.tenant.TenantDirectory;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tenants as the admin API publishes them, on the tenant feed the service follows: contacts, on-call schedules and a
 * repeat delay are not part of the configuration's seed tenants. Each test makes its own, with clocks in seconds.
 */
final class TestTenants {

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private TestTenants() {
    }

    static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** No warning, the given escalation chain, the contacts hanako and taro, the given on-call schedules. */
    static TenantProfile profile(List<TenantProfile.EscalationLevel> escalation,
            List<TenantProfile.OnCallSchedule> onCall, Optional<Duration> repeatAfter) {
        return new TenantProfile("株式会社テスト", Optional.empty(), "ja", TOKYO.getId(), "JP", Optional.empty(),
                new TenantProfile.Calendar("MON-FRI 09:00-18:00", "JP", Optional.empty()),
                new TenantProfile.Promises(Duration.ZERO, Optional.empty(), "受付", Optional.empty(),
                        Optional.of(escalation), Optional.empty(), Optional.empty()),
                Optional.empty(),
                new TenantProfile.Notifications(Optional.empty(), false, Optional.empty(), 120, Duration.ofMinutes(1),
                        Optional.empty(), repeatAfter),
                Optional.of(List.of(contact("hanako", "花子"), contact("taro", "太郎"))), Optional.of(onCall));
    }

    static TenantProfile withRepeatAfter(Optional<Duration> repeatAfter) {
        return profile(List.of(), List.of(), repeatAfter);
    }

    static TenantProfile.EscalationLevel level(long afterSeconds, String target) {
        return new TenantProfile.EscalationLevel(Duration.ofSeconds(afterSeconds), target);
    }

    /** A shift in Tokyo time, {@code fromHours} to {@code untilHours} from now. */
    static TenantProfile.Shift shift(String contact, long fromHours, long untilHours) {
        LocalDateTime now = LocalDateTime.now(TOKYO);
        return new TenantProfile.Shift(contact, now.plusHours(fromHours), now.plusHours(untilHours));
    }

    private static TenantProfile.Contact contact(String id, String name) {
        return new TenantProfile.Contact(id, name, Optional.of(id + "@tenant.example"), Optional.empty());
    }

    /** Publishes the snapshot and waits until the service's directory holds it. */
    static void publish(KafkaTestClient kafka, TenantDirectory tenants, String tenant, long revision,
            TenantProfile profile) throws InterruptedException {
        kafka.send(Topics.TENANT_EVENTS, tenant,
                EventCodec.toJson(TenantChanged.of(tenant, revision, Instant.now(), profile, List.of())));
        Instant until = Instant.now().plus(DeadlineEventStream.WAIT);
        while (tenants.find(tenant).map(t -> t.revision() < revision).orElse(true)) {
            assertTrue(Instant.now().isBefore(until), "revision " + revision + " never reached the service");
            Thread.sleep(50);
        }
    }
}
