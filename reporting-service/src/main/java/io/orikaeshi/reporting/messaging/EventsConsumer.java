package io.orikaeshi.reporting.messaging;

import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.reporting.service.ProjectionWriter;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Consumes the three topics in batches (one channel, so a call's events from intake and the scheduler are handled
 * by one instance and never by two transactions at once) and applies each batch in one transaction. One commit per
 * batch instead of per event is what lets a 2-core machine keep up with 1,000 events/s with low lag.
 * Batches are applied one after the other, in partition order, so a call's events keep their order across batches.
 * A batch that keeps failing is applied event by event, so that only the event that cannot be applied is parked on
 * the dead-letter topic; a record that is not an event is parked at once.
 */
@ApplicationScoped
public class EventsConsumer {

    private static final Logger LOG = Logger.getLogger(EventsConsumer.class);
    private static final int ATTEMPTS = 6;
    private static final long FIRST_BACKOFF_MILLIS = 200;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final ProjectionWriter writer;
    private final ProjectionLag lag;
    private final DeadLetters deadLetters;

    public EventsConsumer(ProjectionWriter writer, ProjectionLag lag, DeadLetters deadLetters) {
        this.writer = writer;
        this.lag = lag;
        this.deadLetters = deadLetters;
    }

    @Incoming("events")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) throws InterruptedException {
        List<OrikaeshiEvent> events = new ArrayList<>(records.count());
        List<ConsumerRecord<String, String>> sources = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            try {
                events.add(EventCodec.fromJson(record.value()));
                sources.add(record);
            } catch (EventCodec.MalformedEventException e) {
                deadLetters.park(record, "not an event: " + e.getMessage());
            }
        }
        if (events.isEmpty()) {
            return;
        }
        try {
            lag.queryable(applyWithRetries(events));
        } catch (SQLException batchFailure) {
            LOG.warnf("A batch of %d events failed %d times (%s %s); applying its events one by one", events.size(),
                    ATTEMPTS, batchFailure.getClass().getSimpleName(), batchFailure.getSQLState());
            for (int i = 0; i < events.size(); i++) {
                try {
                    lag.queryable(writer.applyLive(List.of(events.get(i))));
                } catch (SQLException e) {
                    deadLetters.park(sources.get(i), "cannot be applied: " + e.getClass().getSimpleName() + " "
                            + e.getSQLState());
                }
            }
        }
    }

    private List<OrikaeshiEvent> applyWithRetries(List<OrikaeshiEvent> events)
            throws SQLException, InterruptedException {
        long backoff = FIRST_BACKOFF_MILLIS;
        for (int attempt = 1; ; attempt++) {
            try {
                return writer.applyLive(events);
            } catch (SQLException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.warnf("Applying a batch of %d events failed (attempt %d): %s %s", events.size(), attempt,
                        e.getClass().getSimpleName(), e.getSQLState());
                Thread.sleep(backoff);
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
    }
}
