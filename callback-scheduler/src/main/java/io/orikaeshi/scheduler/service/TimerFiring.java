package io.orikaeshi.scheduler.service;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.orikaeshi.events.AssigneeKind;
import io.orikaeshi.events.Topics;
import io.orikaeshi.kit.outbox.Outbox;
import io.orikaeshi.kit.outbox.OutboxRow;
import io.orikaeshi.kit.tracing.Tracing;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.scheduler.repository.Deadline;
import io.orikaeshi.scheduler.repository.FiringBatch;
import io.orikaeshi.scheduler.repository.DeadlineTimer;
import io.orikaeshi.scheduler.repository.TimerKind;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Fires due timers: in one transaction, claims a batch with FOR UPDATE SKIP LOCKED, moves their promises to their
 * next state and writes the events to the outbox, each step one statement for the whole batch ({@link FiringBatch}). Any number of instances may run this at once: a row locked by one is
 * skipped by the others, and a claimed row is PENDING no more once its transaction commits, so no timer fires twice;
 * a transaction that fails releases its rows to the next round, so none is missed. A timer whose time passed while
 * every instance was down fires on the first round after start and is marked late.
 */
@ApplicationScoped
public class TimerFiring {

    private static final Logger LOG = Logger.getLogger(TimerFiring.class);

    @Inject
    FiringBatch batch;
    @Inject
    Outbox outbox;
    @Inject
    SchedulerConfig config;
    @Inject
    SchedulerMetrics metrics;
    @Inject
    Tracer tracer;
    @Inject
    EscalationTargets targets;

    /**
     * Arms the dormant timers whose bucket came within the horizon, then fires at most {@code limit} due timers, in
     * one transaction; answers how many were claimed.
     */
    public Uni<Integer> fireDue(int limit) {
        Instant now = Instant.now();
        List<DeadlineTimer> claimed = new ArrayList<>();
        List<Span> spans = new ArrayList<>();
        return outbox.transaction(() -> batch.armDue(now.plus(config.armingHorizon()), config.armingBatch())
                .chain(() -> batch.claim(now, limit))
                .flatMap(due -> {
                    due.forEach(c -> claimed.add(c.timer()));
                    return due.isEmpty() ? Uni.createFrom().voidItem() : fire(due, now, spans);
                }))
                .invoke(() -> afterCommit(claimed))
                .onTermination().invoke((done, failure, cancelled) -> spans.forEach(span -> Tracing.end(span, failure)))
                .replaceWith(claimed::size);
    }

    /** The earliest armed fire time, for the loop's sleep; null when nothing is armed. */
    public Uni<Instant> nextFireAt() {
        return Panache.withSession(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery(FiringBatch.NEXT_FIRE_AT, Instant.class)
                .getSingleResultOrNull()));
    }

    /** Decides each timer in due order, then writes the whole batch in three statements. */
    private Uni<Void> fire(List<FiringBatch.Claimed> due, Instant now, List<Span> spans) {
        List<OutboxRow> events = new ArrayList<>();
        Set<Deadline> changed = new LinkedHashSet<>();
        for (FiringBatch.Claimed claimed : due) {
            fire(claimed.timer(), claimed.deadline(), now).ifPresent(event -> {
                // The promise's trace goes on: a span for the firing, child of the work that recorded the promise.
                Span span = Tracing.span(tracer, "fire " + claimed.timer().kind, SpanKind.INTERNAL,
                        claimed.deadline().traceParent)
                        .setAttribute(Tracing.CALL_ID, claimed.deadline().callId)
                        .startSpan();
                spans.add(span);
                events.add(OutboxRow.of(Topics.DEADLINE_EVENTS, event, Tracing.traceparent(span)));
                changed.add(claimed.deadline());
            });
        }
        return batch.write(due.stream().map(FiringBatch.Claimed::timer).toList(), List.copyOf(changed))
                .chain(() -> outbox.appendAll(events));
    }

    private Optional<OrikaeshiEvent> fire(DeadlineTimer timer, Deadline deadline, Instant now) {
        if (deadline == null || deadline.state.isFinal()
                || timer.kind.perVersion() && deadline.version != timer.promiseVersion) {
            // Normally cancelled with its promise; a left-over of an older version announces nothing.
            timer.state = DeadlineTimer.State.CANCELLED;
            return Optional.empty();
        }
        if (timer.kind == TimerKind.WARN && !now.isBefore(deadline.dueAt)) {
            // Fired after the due time (the service was down): the overdue event says more, a warning only adds noise.
            timer.state = DeadlineTimer.State.SKIPPED;
            return Optional.empty();
        }
        timer.state = DeadlineTimer.State.FIRED;
        timer.firedAt = now;
        Duration lateness = Duration.between(timer.fireAt, now);
        timer.late = lateness.compareTo(config.lateAfter()) > 0;
        String escalatedTo = timer.kind == TimerKind.ESCALATE
                ? targets.at(timer.target, deadline, timer.level, now)
                : null;
        OrikaeshiEvent event = DeadlineEvents.of(timer, deadline, now, escalatedTo);
        advance(deadline, timer, now);
        return Optional.of(event);
    }

    private static void advance(Deadline deadline, DeadlineTimer timer, Instant now) {
        switch (timer.kind) {
            case WARN -> {
                if (deadline.state == Deadline.State.OPEN) {
                    deadline.state = Deadline.State.WARNED;
                }
            }
            case OVERDUE -> {
                if (deadline.state != Deadline.State.ESCALATED) {
                    deadline.state = Deadline.State.OVERDUE;
                }
                deadline.firedAt = now;
            }
            case ESCALATE -> {
                deadline.state = Deadline.State.ESCALATED;
                deadline.escalationLevel = Math.max(deadline.escalationLevel, timer.level);
            }
            case POOL_FALLBACK -> {
                deadline.assignee = timer.target;
                deadline.assigneeKind = AssigneeKind.POOL;
            }
            case NEXT_ATTEMPT, REPEAT -> {
                // A reminder: the promise's clocks and state stay as they are.
            }
        }
    }

    /** Metrics count committed firings only. */
    private void afterCommit(List<DeadlineTimer> claimed) {
        Instant committedAt = Instant.now();
        int late = 0;
        Duration latest = Duration.ZERO;
        for (DeadlineTimer timer : claimed) {
            if (timer.state == DeadlineTimer.State.FIRED) {
                Duration lateness = Duration.between(timer.fireAt, committedAt);
                metrics.fired(timer.kind, lateness);
                if (timer.late) {
                    late++;
                    latest = lateness.compareTo(latest) > 0 ? lateness : latest;
                }
            }
        }
        if (late > 0) {
            // One line per round, not per timer: after downtime a whole backlog fires late at once.
            LOG.infof("Fired %d timer(s) late, up to %d ms after their time (service down or overloaded)", late,
                    latest.toMillis());
        }
    }
}
