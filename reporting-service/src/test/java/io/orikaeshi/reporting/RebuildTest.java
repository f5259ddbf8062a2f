package io.orikaeshi.reporting;

import io.agroal.api.AgroalDataSource;
import io.orikaeshi.events.AssigneeKind;
import io.orikaeshi.events.AttemptOutcome;
import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackAcknowledged;
import io.orikaeshi.events.CallbackAttempted;
import io.orikaeshi.events.CallbackCompleted;
import io.orikaeshi.events.CallbackEscalated;
import io.orikaeshi.events.CallbackExtended;
import io.orikaeshi.events.CallbackOverdue;
import io.orikaeshi.events.CallbackReassigned;
import io.orikaeshi.events.CallbackWarned;
import io.orikaeshi.events.NotificationDeferred;
import io.orikaeshi.events.NotificationSent;
import io.orikaeshi.events.NotificationViewed;
import io.orikaeshi.events.Topics;
import io.orikaeshi.reporting.service.ProjectionReplay;
import io.orikaeshi.reporting.support.Calls;
import io.orikaeshi.reporting.support.Stream;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static io.orikaeshi.reporting.support.ReadModels.snapshot;
import static io.orikaeshi.reporting.support.ReadModels.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Rebuild from offset 0 equals the live model: every record of the three topics is read from the beginning and
 * applied, through the same ledger and batched projections, to empty tables in another schema; both schemas must
 * then hold the same rows. The replay applies the scheduler's and notification-service's topics before intake's, an
 * interleaving the live consumer never saw, so the comparison also proves the projections order-independent; and it
 * is made with batches of one event and of thousands, so it proves the result independent of the batching too.
 */
@QuarkusTest
class RebuildTest {

    @Inject
    ProjectionReplay replay;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void replayingEveryTopicFromOffsetZeroIntoEmptyTablesGivesTheLiveModelAndReplayingAgainChangesNothing()
            throws Exception {
        Lifecycle lifecycle = publishALifecycleWithEveryKindOfEvent();
        Stream.awaitConsumed();
        List<String> payloads = everyRecordSchedulerTopicsFirst();

        replay.recreate("replay");
        int applied = replay.replay("replay", payloads, 5_000);

        List<String> live = snapshot(dataSource, "public");
        assertFalse(live.isEmpty());
        assertEquals(live, snapshot(dataSource, "replay"));
        assertEquals(Integer.parseInt(value(dataSource, "select count(*) from public.processed_event")), applied);

        assertEquals(0, replay.replay("replay", payloads, 5_000));
        assertEquals(live, snapshot(dataSource, "replay"));
        // Two extensions of one call in one batch: the later one's due time is the one in force.
        assertEquals("2", value(dataSource, "select extension_count from replay.call_log where call_id = '"
                + lifecycle.callId() + "'"));
        assertEquals("t", value(dataSource, "select callback_due_at = '" + lifecycle.lastDueAt()
                + "'::timestamptz from replay.call_log where call_id = '" + lifecycle.callId() + "'"));
        // The message read before its sending was projected ends with its channel, sending, reading and acknowledgement.
        assertEquals("slack SENT t t link", value(dataSource, "select concat_ws(' ', channel, status,"
                + " sent_at is not null, viewed_at is not null, acknowledged_by) from replay.message_log"
                + " where message_id = 'slack-" + lifecycle.callId() + "'"));
    }

    @Test
    void oneEventPerBatchAndEveryEventTwiceInOneBatchGiveTheSameRows() throws Exception {
        publishALifecycleWithEveryKindOfEvent();
        Stream.awaitConsumed();
        List<String> payloads = everyRecordSchedulerTopicsFirst();

        replay.recreate("replay_single");
        replay.replay("replay_single", payloads, 1);

        List<String> twice = new ArrayList<>(payloads.size() * 2);
        for (String payload : payloads) {
            twice.add(payload);
            twice.add(payload);
        }
        replay.recreate("replay_twice");
        int applied = replay.replay("replay_twice", twice, twice.size());

        assertEquals(snapshot(dataSource, "replay_single"), snapshot(dataSource, "replay_twice"));
        assertEquals(Integer.parseInt(value(dataSource, "select count(*) from replay_single.processed_event")),
                applied);
    }

    private static List<String> everyRecordSchedulerTopicsFirst() {
        List<String> payloads = new ArrayList<>();
        for (String topic : List.of(Topics.DEADLINE_EVENTS, Topics.NOTIFICATION_EVENTS, Topics.CALL_EVENTS)) {
            Stream.client().readAll(topic, Duration.ofSeconds(1)).stream().map(ConsumerRecord::value)
                    .forEach(payloads::add);
        }
        return payloads;
    }

    private record Lifecycle(String callId, Instant lastDueAt) {
    }

    private static Lifecycle publishALifecycleWithEveryKindOfEvent() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant due = now.plusSeconds(60);
        Instant later = now.plusSeconds(7200);
        Instant latest = now.plusSeconds(9000);
        CallReceived call = Calls.of("acme-jp", now).promised(due, "佐藤").event();
        Stream.publish(call,
                CallbackWarned.of("acme-jp", call.callId(), now, due, "佐藤"),
                CallbackAttempted.of("acme-jp", call.callId(), now, AttemptOutcome.NO_ANSWER, later, "佐藤"),
                CallbackOverdue.of("acme-jp", call.callId(), due, due, "佐藤"),
                CallbackEscalated.of("acme-jp", call.callId(), due, due, 1, "佐藤"),
                CallbackReassigned.of("acme-jp", call.callId(), due.plusSeconds(1), "受付チーム", AssigneeKind.POOL,
                        "scheduler"),
                CallbackAcknowledged.of("acme-jp", call.callId(), due.plusSeconds(2), "鈴木"),
                CallbackExtended.of("acme-jp", call.callId(), due.plusSeconds(3), due, later, "鈴木"),
                CallbackExtended.of("acme-jp", call.callId(), due.plusSeconds(4), later, latest, "鈴木"),
                NotificationDeferred.of("acme-jp", call.callId(), now, "rebuild-" + call.callId(), "ALERT",
                        "sv@acme.example", later, "quiet hours"),
                // A message read and acknowledged through its link, the reading published before the sending.
                NotificationViewed.of("acme-jp", call.callId(), now.plusSeconds(5), "slack-" + call.callId()),
                NotificationSent.of("acme-jp", call.callId(), now.plusSeconds(1), "slack-" + call.callId(), "REPORT",
                        "channel:sales", "slack"),
                CallbackAcknowledged.of("acme-jp", call.callId(), now.plusSeconds(6), "link",
                        "slack-" + call.callId()));
        CallReceived done = Calls.of("globex-us", now).promised(due, "Smith").event();
        Stream.publish(done, CallbackCompleted.of("globex-us", done.callId(), now.plusSeconds(30), "Smith"));
        return new Lifecycle(call.callId(), latest);
    }
}
