package io.orikaeshi.kit.inbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.kit.inbox.InboxHealth.Cause;
import io.orikaeshi.kit.tracing.Tracing;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one consumption path of every service: parse a batch of records, apply it with the service's
 * {@link BatchEffect}, and decide what a failure means.
 * <ul>
 *   <li>A dependency that cannot be reached (the database, the broker while parking) is an outage: the batch is
 *   held and tried again with capped backoff for as long as the outage lasts; the channel takes no further records
 *   meanwhile (SmallRye pauses its partitions), the service reports itself not ready, and the batch resumes where it
 *   stopped. A valid event is never parked because something else was down.</li>
 *   <li>An event that needs one this service has not seen yet ({@link NotYetApplicable}) is held the same way, for as
 *   long as it takes.</li>
 *   <li>A batch that keeps failing while the database answers fails on its own: it is split, each event is applied
 *   alone, and only an event that still fails alone is parked on the dead-letter topic, with its reason. A record
 *   that is not an event is parked at once.</li>
 * </ul>
 * Events are applied in record order, so a call's events keep their order.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    @Inject
    DeadLetters deadLetters;
    @Inject
    DatabaseProbe database;
    @Inject
    InboxHealth health;
    @Inject
    InboxConfig config;
    @Inject
    Vertx vertx;
    @Inject
    Tracer tracer;

    /** A channel's batch, and the context its retries go back to (Hibernate Reactive needs the consumer's). */
    private record Run(String channel, BatchEffect effect, Context context) {
    }

    /** Where a held batch stands: the next pause, deterministic failures so far, and since when it waits. */
    private record Tries(Duration backoff, int failing, Instant waitingSince) {
    }

    /** Completes once every record of the batch is applied or parked; never fails. */
    public Uni<Void> consume(String channel, Iterable<ConsumerRecord<String, String>> records, BatchEffect effect) {
        Run run = new Run(channel, effect, Vertx.currentContext());
        List<Received> events = new ArrayList<>();
        List<ConsumerRecord<String, String>> malformed = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                OrikaeshiEvent event = EventCodec.fromJson(record.value());
                events.add(new Received(record, event, consumerSpan(record, event)));
            } catch (RuntimeException e) { // MalformedEventException, or a null value (a tombstone)
                malformed.add(record);
            }
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ConsumerRecord<String, String> record : malformed) {
            chain = chain.chain(() -> park(run, record, "not an event", null, firstTries()));
        }
        if (events.isEmpty()) {
            return chain;
        }
        return chain.chain(() -> apply(run, events, firstTries()))
                .onTermination().invoke(() -> events.forEach(e -> e.span().end()));
    }

    private Tries firstTries() {
        return new Tries(config.firstBackoff(), 0, null);
    }

    private Uni<Void> apply(Run run, List<Received> batch, Tries tries) {
        return Uni.createFrom().deferred(() -> run.effect().apply(batch))
                .invoke(() -> health.flowing(run.channel()))
                .onFailure().recoverWithUni(failure -> classify(failure).chain(cause -> switch (cause) {
                    case OUTAGE -> retry(run, batch, failure, cause, tries, 0, null);
                    case WAITING -> {
                        Instant since = tries.waitingSince() == null ? Instant.now() : tries.waitingSince();
                        if (patienceExhausted(failure, since)) {
                            yield giveUp(run, batch, failure);
                        }
                        yield retry(run, batch, failure, cause, tries, 0, since);
                    }
                    case FAILING -> tries.failing() + 1 < config.failingAttempts()
                            ? retry(run, batch, failure, cause, tries, tries.failing() + 1, null)
                            : giveUp(run, batch, failure);
                }));
    }

    private Uni<Cause> classify(Throwable failure) {
        if (notYetApplicable(failure) != null) {
            return Uni.createFrom().item(Cause.WAITING);
        }
        if (Outages.find(failure) != null) {
            return Uni.createFrom().item(Cause.OUTAGE);
        }
        return database.reachable().map(up -> up ? Cause.FAILING : Cause.OUTAGE);
    }

    private Uni<Void> retry(Run run, List<Received> batch, Throwable failure, Cause cause, Tries tries, int failing,
            Instant waitingSince) {
        health.held(run.channel(), cause, failure);
        LOG.warnf("%s: holding a batch of %d event(s), %s (%s); trying again in %d ms", run.channel(), batch.size(),
                cause, describe(failure), tries.backoff().toMillis());
        Duration next = min(tries.backoff().multipliedBy(2), config.maxBackoff());
        return after(run, tries.backoff()).chain(() -> apply(run, batch, new Tries(next, failing, waitingSince)));
    }

    /** Split a batch to find the event that fails alone; park that one. */
    private Uni<Void> giveUp(Run run, List<Received> batch, Throwable failure) {
        if (batch.size() > 1) {
            LOG.warnf("%s: a batch of %d events keeps failing (%s); applying its events one by one", run.channel(),
                    batch.size(), describe(failure));
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Received received : batch) {
                chain = chain.chain(() -> apply(run, List.of(received), firstTries()));
            }
            return chain;
        }
        Received received = batch.get(0);
        received.span().setStatus(StatusCode.ERROR);
        health.flowing(run.channel());
        return park(run, received.record(), "cannot be applied: " + describe(failure), failure, firstTries());
    }

    /** Parking needs the broker: while it is down, the record waits like any other. */
    private Uni<Void> park(Run run, ConsumerRecord<String, String> record, String reason, Throwable cause,
            Tries tries) {
        return deadLetters.park(record, reason, cause)
                .invoke(() -> {
                    health.flowing(run.channel());
                    health.parked(run.channel());
                })
                .onFailure().recoverWithUni(failure -> {
                    health.held(run.channel(), Cause.OUTAGE, failure);
                    LOG.warnf("%s: cannot park %s-%d@%d yet (%s); trying again in %d ms", run.channel(),
                            record.topic(), record.partition(), record.offset(), failure.toString(),
                            tries.backoff().toMillis());
                    Tries next = new Tries(min(tries.backoff().multipliedBy(2), config.maxBackoff()), 0, null);
                    return after(run, tries.backoff()).chain(() -> park(run, record, reason, cause, next));
                });
    }

    private Uni<Void> after(Run run, Duration delay) {
        Context context = run.context();
        if (context == null) {
            return Uni.createFrom().voidItem().onItem().delayIt().by(delay);
        }
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(Math.max(1, delay.toMillis()),
                id -> context.runOnContext(ignored -> emitter.complete(null))));
    }

    private static boolean patienceExhausted(Throwable failure, Instant since) {
        NotYetApplicable waiting = notYetApplicable(failure);
        return waiting != null && waiting.patience()
                .map(patience -> Duration.between(since, Instant.now()).compareTo(patience) >= 0).orElse(false);
    }

    private static NotYetApplicable notYetApplicable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NotYetApplicable waiting) {
                return waiting;
            }
        }
        return null;
    }

    /**
     * The failure's class and SQLSTATE, and the message only where it is ours or an outage's (a host and port):
     * a database's own message may quote the row, which holds names and numbers.
     */
    static String describe(Throwable failure) {
        NotYetApplicable waiting = notYetApplicable(failure);
        if (waiting != null) {
            return waiting.getMessage();
        }
        Throwable outage = Outages.find(failure);
        if (outage != null) {
            return outage.toString();
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return failure.getClass().getSimpleName() + " (SQLSTATE " + sql.getSQLState() + ")";
            }
            if (t instanceof io.vertx.pgclient.PgException pg && pg.getSqlState() != null) {
                return failure.getClass().getSimpleName() + " (SQLSTATE " + pg.getSqlState() + ")";
            }
        }
        return failure.getClass().getSimpleName();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Child of the producer's span named by the record's traceparent: the call's trace goes on in this service. */
    private Span consumerSpan(ConsumerRecord<String, String> record, OrikaeshiEvent event) {
        SpanBuilder span = Tracing.span(tracer, "consume " + event.type(), SpanKind.CONSUMER, traceparent(record))
                .setAttribute(Tracing.MESSAGING_SYSTEM, "kafka")
                .setAttribute(Tracing.DESTINATION, record.topic())
                .setAttribute(Tracing.MESSAGE_ID, event.eventId());
        if (record.key() != null) {
            span.setAttribute(Tracing.MESSAGE_KEY, record.key());
        }
        return span.startSpan();
    }

    private static String traceparent(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader(Tracing.HEADER);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.US_ASCII);
    }
}
