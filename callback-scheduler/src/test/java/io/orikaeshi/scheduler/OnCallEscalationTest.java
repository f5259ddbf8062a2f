package io.orikaeshi.scheduler;

import io.orikaeshi.events.CallbackEscalated;
import io.orikaeshi.events.EventFixtures;
import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static io.orikaeshi.scheduler.TestTenants.level;
import static io.orikaeshi.scheduler.TestTenants.shift;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Escalation levels addressed to an on-call schedule reach whoever is on call when the level fires, as the tenant feed
 * says at that moment. Each tenant escalates 1 s after the due time to {@code on-call:night} and 2 s after it to the
 * ops room mentioning the same person.
 */
@QuarkusTest
class OnCallEscalationTest {

    @RegisterExtension
    static final DeadlineEventStream stream = new DeadlineEventStream();

    @Inject
    TenantDirectory tenants;

    private static final List<TenantProfile.EscalationLevel> CHAIN = List.of(level(1, "on-call:night"),
            level(2, "channel:ops:on-call:night"));

    private static TenantProfile.OnCallSchedule night(List<TenantProfile.Shift> rotation,
            List<TenantProfile.Shift> overrides) {
        return new TenantProfile.OnCallSchedule("night", "夜間当番", rotation, Optional.of(overrides));
    }

    private static TenantProfile onCall(TenantProfile.OnCallSchedule schedule) {
        return TestTenants.profile(CHAIN, List.of(schedule), Optional.empty());
    }

    private static List<String> targets(List<CallbackEscalated> escalations) {
        return escalations.stream().map(CallbackEscalated::target).toList();
    }

    @Test
    void rotationChangedBetweenTheCallAndTheEscalationReachesTheNewPersonOnCall() throws Exception {
        String tenant = TestTenants.newId("oncall");
        TestTenants.publish(stream.kafka(), tenants, tenant, 1,
                onCall(night(List.of(shift("hanako", -1, 1)), List.of())));
        String callId = EventFixtures.newCallId();
        Instant due = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.MILLIS);
        stream.publish(EventFixtures.callReceived(tenant, callId, due));
        // The levels are planned with the schedule's name, not with the person on call when the call came.
        SchedulerDatabase.awaitTimers(callId, "ESCALATE",
                List.of("PENDING on-call:night", "PENDING channel:ops:on-call:night"));

        TestTenants.publish(stream.kafka(), tenants, tenant, 2,
                onCall(night(List.of(shift("taro", -1, 1)), List.of())));
        assertTrue(Instant.now().isBefore(due.plusSeconds(1)), "the rotation changed only after the first level fired");

        List<CallbackEscalated> escalations = stream.await(callId, CallbackEscalated.class, 2);
        assertEquals(List.of("contact:taro", "channel:ops:contact:taro"), targets(escalations));
        SchedulerDatabase.awaitTimers(callId, "ESCALATE",
                List.of("FIRED on-call:night", "FIRED channel:ops:on-call:night"));
    }

    @Test
    void anOverrideWinsOverTheRotation() throws Exception {
        String tenant = TestTenants.newId("oncall");
        TestTenants.publish(stream.kafka(), tenants, tenant, 1,
                onCall(night(List.of(shift("hanako", -1, 1)), List.of(shift("taro", -1, 1)))));
        String callId = EventFixtures.newCallId();
        stream.publish(EventFixtures.callReceived(tenant, callId, Instant.now().plusMillis(500)));

        List<CallbackEscalated> escalations = stream.await(callId, CallbackEscalated.class, 2);

        assertEquals(List.of("contact:taro", "channel:ops:contact:taro"), targets(escalations));
    }

    @Test
    void nobodyOnCallFallsBackToTheAssigneeOrTheRoomWithoutAMention() throws Exception {
        String tenant = TestTenants.newId("oncall");
        // Yesterday's shift only; the third level names a schedule the tenant does not have.
        TestTenants.publish(stream.kafka(), tenants, tenant, 1, TestTenants.profile(
                List.of(level(1, "on-call:night"), level(2, "channel:ops:on-call:night"), level(3, "on-call:nosuch")),
                List.of(night(List.of(shift("hanako", -30, -20)), List.of())), Optional.empty()));
        String callId = EventFixtures.newCallId();
        stream.publish(EventFixtures.callReceived(tenant, callId, Instant.now().plusMillis(500)));

        List<CallbackEscalated> escalations = stream.await(callId, CallbackEscalated.class, 3);

        assertEquals(List.of("佐藤", "channel:ops", "佐藤"), targets(escalations), "佐藤 is the fixture's assignee");
    }

    @Test
    void contactsAndEmailAddressesAreAddressedAsConfigured() throws Exception {
        String tenant = TestTenants.newId("oncall");
        TestTenants.publish(stream.kafka(), tenants, tenant, 1, TestTenants.profile(
                List.of(level(1, "contact:hanako"), level(2, "desk@tenant.example"), level(3, "assignee")),
                List.of(), Optional.empty()));
        String callId = EventFixtures.newCallId();
        stream.publish(EventFixtures.callReceived(tenant, callId, Instant.now().plusMillis(500)));

        List<CallbackEscalated> escalations = stream.await(callId, CallbackEscalated.class, 3);

        assertEquals(List.of("contact:hanako", "desk@tenant.example", "佐藤"), targets(escalations));
        assertEquals(3, stream.all(callId, Duration.ofSeconds(1)).stream()
                .filter(CallbackEscalated.class::isInstance).count(), "each level once");
    }
}
