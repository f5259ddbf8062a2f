package io.orikaeshi.scheduler;

import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackAcknowledged;
import io.orikaeshi.events.CallbackCancelled;
import io.orikaeshi.events.CallbackExtended;
import io.orikaeshi.events.CallbackUnacknowledged;
import io.orikaeshi.events.CapturedItem;
import io.orikaeshi.events.EventFixtures;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.orikaeshi.scheduler.service.TimerFiring;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The repeat notice: a tenant with a repeat delay (2 s here) hears once more of a promised callback nobody
 * acknowledged, completed or cancelled within that delay after its report. Promises are due a minute later, so no
 * other clock of theirs runs during a test.
 */
@QuarkusTest
class RepeatNoticeTest {

    private static final Duration REPEAT_AFTER = Duration.ofSeconds(2);

    @RegisterExtension
    static final DeadlineEventStream stream = new DeadlineEventStream();

    @Inject
    TenantDirectory tenants;
    @Inject
    TimerFiring firing;

    private String tenant;

    @BeforeEach
    void repeatingTenant() throws InterruptedException {
        tenant = TestTenants.newId("repeat");
        TestTenants.publish(stream.kafka(), tenants, tenant, 1, TestTenants.withRepeatAfter(Optional.of(REPEAT_AFTER)));
    }

    /** A promised call, reported now (millisecond precision, as the database keeps it). */
    private static CallReceived call(String tenant, String callId, Instant dueAt) {
        return CallReceived.of(tenant, callId, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                EventFixtures.details(CapturedItem.provided("山田 太郎"), CapturedItem.provided("見積もりの件"),
                        CapturedItem.provided("+81312345678"), dueAt));
    }

    private static Instant inAMinute() {
        return Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
    }

    private static List<CallbackUnacknowledged> notices(String callId) {
        return stream.all(callId, Duration.ofSeconds(1)).stream()
                .filter(CallbackUnacknowledged.class::isInstance).map(CallbackUnacknowledged.class::cast).toList();
    }

    /** A call of the repeating tenant reported now: once its notice is out, every earlier call's has been decided. */
    private void awaitControlNotice() {
        String control = EventFixtures.newCallId();
        stream.publish(call(tenant, control, inAMinute()));
        stream.await(control, CallbackUnacknowledged.class, 1);
    }

    @Test
    void unacknowledgedCallIsNoticedOnceAfterTheDelayEvenRedeliveredAndExtended() throws Exception {
        String callId = EventFixtures.newCallId();
        CallReceived received = call(tenant, callId, inAMinute());
        Instant newDue = received.call().callback().dueAt().plusSeconds(30);
        stream.publish(received);
        stream.publish(received); // redelivered: one timer still
        stream.publish(CallbackExtended.of(tenant, callId, Instant.now(), received.call().callback().dueAt(), newDue,
                "佐藤"));

        CallbackUnacknowledged notice = stream.await(callId, CallbackUnacknowledged.class, 1).get(0);

        assertEquals(received.occurredAt(), notice.reportedAt(), "counted from the report");
        assertEquals(newDue, notice.dueAt(), "the extension moved the due time, not the notice");
        assertFalse(notice.occurredAt().isBefore(received.occurredAt().plus(REPEAT_AFTER)), "not before the delay");
        assertEquals(List.of(notice), notices(callId), "once");
        SchedulerDatabase.awaitTimers(callId, "REPEAT", List.of("FIRED -"));
    }

    @Test
    void acknowledgedCompletedOrCancelledInTimeGetsNoNotice() throws Exception {
        String acknowledged = EventFixtures.newCallId();
        String completed = EventFixtures.newCallId();
        String cancelled = EventFixtures.newCallId();
        for (String callId : List.of(acknowledged, completed, cancelled)) {
            stream.publish(call(tenant, callId, inAMinute()));
        }
        stream.publish(CallbackAcknowledged.of(tenant, acknowledged, Instant.now(), "佐藤", "msg-1"));
        stream.publish(EventFixtures.completed(tenant, completed));
        stream.publish(CallbackCancelled.of(tenant, cancelled, Instant.now(), "caller no longer needs it", "op-1"));

        awaitControlNotice();

        for (String callId : List.of(acknowledged, completed, cancelled)) {
            SchedulerDatabase.awaitTimers(callId, "REPEAT", List.of("CANCELLED -"));
            assertEquals(List.of(), notices(callId));
        }
    }

    @Test
    void tenantWithoutRepeatDelayGetsNoNotice() throws Exception {
        String quiet = TestTenants.newId("norepeat");
        TestTenants.publish(stream.kafka(), tenants, quiet, 1, TestTenants.withRepeatAfter(Optional.empty()));
        String callId = EventFixtures.newCallId();
        stream.publish(call(quiet, callId, inAMinute()));
        SchedulerDatabase.awaitTimers(callId, "OVERDUE", List.of("PENDING -"));

        awaitControlNotice();

        assertEquals(List.of(), SchedulerDatabase.timers(callId, "REPEAT"));
        assertEquals(List.of(), notices(callId));
    }

    @Test
    void noticeDueWhileTheServiceWasDownFiresOnceWhateverTheInstancesFiring() throws Exception {
        String callId = EventFixtures.newCallId();
        Instant reportedAt = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
        Instant due = inAMinute();
        SchedulerDatabase.leftBehind(tenant, List.of(callId), reportedAt, due, "REPEAT", reportedAt.plus(REPEAT_AFTER));

        ExecutorService instances = Executors.newFixedThreadPool(3); // the application's own loop is a fourth
        try {
            List<Future<Integer>> rounds = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                rounds.add(instances.submit(() -> AnotherInstance.fireDue(firing)));
            }
            for (Future<Integer> round : rounds) {
                round.get();
            }
        } finally {
            instances.shutdownNow();
        }

        CallbackUnacknowledged notice = stream.await(callId, CallbackUnacknowledged.class, 1).get(0);
        assertEquals(reportedAt, notice.reportedAt());
        assertEquals(due, notice.dueAt());
        List<OrikaeshiEvent> all = stream.all(callId, Duration.ofSeconds(1));
        assertEquals(List.of(notice), all, "once, and nothing else");
        assertEquals(List.of("FIRED -"), SchedulerDatabase.timers(callId, "REPEAT"));
    }
}
