package io.orikaeshi.scheduler;

import io.orikaeshi.events.CallbackOverdue;
import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.EventFixtures;
import io.orikaeshi.events.Topics;
import io.orikaeshi.scheduler.service.TimerFiring;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Timers are rows: they survive a restart and are shared by instances without double firing or misses. */
@QuarkusTest
class DurableTimersTest {

    @RegisterExtension
    static final DeadlineEventStream stream = new DeadlineEventStream();

    @Inject
    TimerFiring firing;

    /** What a previous run left behind: open deadlines whose overdue timers are pending, due at {@code dueAt}. */
    private static List<String> armedWhileDown(int count, Instant dueAt) throws SQLException {
        List<String> callIds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            callIds.add(EventFixtures.newCallId());
        }
        SchedulerDatabase.leftBehind("acme-jp", callIds, dueAt.minus(Duration.ofHours(1)), dueAt, "OVERDUE", dueAt);
        return callIds;
    }

    private static Map<String, String> timerStates(List<String> callIds) throws SQLException {
        try (Connection db = SchedulerDatabase.connect();
                PreparedStatement query = db.prepareStatement("select call_id, state || case when late then '+late' "
                        + "else '' end from deadline_timer where call_id = any(?)")) {
            query.setArray(1, db.createArrayOf("varchar", callIds.toArray()));
            Map<String, String> states = new java.util.HashMap<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    states.merge(rows.getString(1), rows.getString(2), (a, b) -> a + "," + b);
                }
            }
            return states;
        }
    }

    @Test
    void deadlineThatPassedWhileTheServiceWasDownFiresOnceMarkedLate() throws Exception {
        Instant due = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
        String callId = armedWhileDown(1, due).get(0);

        CallbackOverdue overdue = stream.await(callId, CallbackOverdue.class, 1).get(0);

        assertEquals(due, overdue.dueAt());
        assertTrue(Duration.between(due, overdue.occurredAt()).compareTo(Duration.ofMinutes(10)) >= 0,
                "occurredAt - dueAt shows the lateness downstream");
        assertEquals(1, stream.all(callId, Duration.ofSeconds(1)).size(), "fired once");
        assertEquals(Map.of(callId, "FIRED+late"), timerStates(List.of(callId)));
    }

    @Test
    void instancesFiringTheSameTimersConcurrentlyFireEachExactlyOnce() throws Exception {
        int timers = 3000;
        int instances = 3; // the application's own loop is a fourth
        List<String> callIds = armedWhileDown(timers, Instant.now());
        Set<String> ours = new HashSet<>(callIds);

        AtomicInteger claimed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                runs.add(pool.submit(() -> {
                    int round;
                    do {
                        round = AnotherInstance.fireDue(firing);
                        claimed.addAndGet(round);
                    } while (round > 0);
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }

        Map<String, List<ConsumerRecord<String, String>>> emitted = stream.kafka()
                .poll(Topics.DEADLINE_EVENTS, r -> ours.contains(r.key()), timers, Duration.ofSeconds(60)).stream()
                .collect(Collectors.groupingBy(ConsumerRecord::key));
        List<ConsumerRecord<String, String>> all = stream.kafka().readAll(Topics.DEADLINE_EVENTS, Duration.ofSeconds(1))
                .stream().filter(r -> ours.contains(r.key())).toList();
        assertEquals(timers, all.size(), "one event per timer, none twice");
        assertEquals(ours, emitted.keySet(), "none missed");
        all.forEach(r -> assertInstanceOf(CallbackOverdue.class, EventCodec.fromJson(r.value())));
        Map<String, String> states = timerStates(callIds);
        assertEquals(Set.of("FIRED"), new HashSet<>(states.values().stream()
                .map(s -> s.replace("+late", "")).toList()));
        assertTrue(claimed.get() > 0 && claimed.get() <= timers,
                "the extra instances claimed " + claimed.get() + " of " + timers + " beside the application's loop");
    }
}
