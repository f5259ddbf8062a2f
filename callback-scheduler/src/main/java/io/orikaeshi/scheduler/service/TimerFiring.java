package io.orikaeshi.scheduler.service;

import io.orikaeshi.events.AssigneeKind;
import io.orikaeshi.events.Topics;
import io.orikaeshi.kit.outbox.Outbox;
import io.orikaeshi.scheduler.repository.Deadline;
import io.orikaeshi.scheduler.repository.DeadlineTimer;
import io.orikaeshi.scheduler.repository.TimerKind;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Fires due timers: in one transaction, claims them with FOR UPDATE SKIP LOCKED, moves their promise to its next
 * state and writes the events to the outbox. Any number of instances may run this at once: a row locked by one is
 * skipped by the others, and a claimed row is PENDING no more once its transaction commits, so no timer fires twice;
 * a transaction that fails releases its rows to the next round, so none is missed. A timer whose time passed while
 * every instance was down fires on the first round after start and is marked late.
 */
@ApplicationScoped
public class TimerFiring {

    private static final Logger LOG = Logger.getLogger(TimerFiring.class);
    private static final String CLAIM_DUE = "select * from deadline_timer where state = 'PENDING' and fire_at <= ?1 "
            + "order by fire_at limit ?2 for update skip locked";

    private final Outbox outbox;
    private final SchedulerConfig config;
    private final SchedulerMetrics metrics;

    public TimerFiring(Outbox outbox, SchedulerConfig config, SchedulerMetrics metrics) {
        this.outbox = outbox;
        this.config = config;
        this.metrics = metrics;
    }

    /** Fires at most {@code limit} due timers; answers how many were claimed. */
    public Uni<Integer> fireDue(int limit) {
        Instant now = Instant.now();
        List<DeadlineTimer> claimed = new ArrayList<>();
        return Panache.withTransaction(() -> Panache.getSession()
                        .flatMap(session -> session.createNativeQuery(CLAIM_DUE, DeadlineTimer.class)
                                .setParameter(1, now)
                                .setParameter(2, limit)
                                .getResultList())
                        .invoke(claimed::addAll)
                        .flatMap(due -> due.isEmpty() ? Uni.createFrom().voidItem() : fire(due, now)))
                .invoke(() -> afterCommit(claimed))
                .replaceWith(claimed::size);
    }

    /** The earliest pending fire time, for the loop's sleep; null when nothing is pending. */
    public Uni<Instant> nextFireAt() {
        return Panache.withSession(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery("select min(fire_at) from deadline_timer where state = 'PENDING'", Instant.class)
                .getSingleResultOrNull()));
    }

    private Uni<Void> fire(List<DeadlineTimer> due, Instant now) {
        List<String> callIds = due.stream().map(timer -> timer.callId).distinct().toList();
        return Deadline.<Deadline>list("callId in ?1", callIds)
                .map(deadlines -> deadlines.stream().collect(Collectors.toMap(d -> d.callId, Function.identity())))
                .flatMap(deadlines -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (DeadlineTimer timer : due) {
                        chain = chain.chain(() -> fire(timer, deadlines.get(timer.callId), now));
                    }
                    return chain;
                });
    }

    private Uni<Void> fire(DeadlineTimer timer, Deadline deadline, Instant now) {
        if (deadline == null || deadline.state.isFinal() || deadline.version != timer.promiseVersion) {
            // Normally cancelled with its promise; a left-over of an older version announces nothing.
            timer.state = DeadlineTimer.State.CANCELLED;
            return Uni.createFrom().voidItem();
        }
        if (timer.kind == TimerKind.WARN && !now.isBefore(deadline.dueAt)) {
            // Fired after the due time (the service was down): the overdue event says more, a warning only adds noise.
            timer.state = DeadlineTimer.State.SKIPPED;
            return Uni.createFrom().voidItem();
        }
        timer.state = DeadlineTimer.State.FIRED;
        timer.firedAt = now;
        Duration lateness = Duration.between(timer.fireAt, now);
        timer.late = lateness.compareTo(config.lateAfter()) > 0;
        var event = DeadlineEvents.of(timer, deadline, now);
        advance(deadline, timer, now);
        return outbox.append(Topics.DEADLINE_EVENTS, event, deadline.traceParent);
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
        }
    }

    /** Metrics count committed firings only, and the relay is told there is something to publish. */
    private void afterCommit(List<DeadlineTimer> claimed) {
        Instant committedAt = Instant.now();
        int fired = 0;
        int late = 0;
        Duration latest = Duration.ZERO;
        for (DeadlineTimer timer : claimed) {
            if (timer.state == DeadlineTimer.State.FIRED) {
                Duration lateness = Duration.between(timer.fireAt, committedAt);
                metrics.fired(timer.kind, lateness);
                fired++;
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
        if (fired > 0) {
            outbox.committed();
        }
    }
}
