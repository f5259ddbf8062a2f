package io.orikaeshi.scheduler.service;

import io.orikaeshi.events.CallbackOverdue;
import io.orikaeshi.events.Topics;
import io.orikaeshi.kit.outbox.Outbox;
import io.orikaeshi.kit.work.BackgroundWorker;
import io.orikaeshi.scheduler.repository.Deadline;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Fires due deadlines: marks them overdue and writes CallbackOverdue to the outbox in one transaction.
 * Rows are claimed with FOR UPDATE SKIP LOCKED, so several instances share the work and none fires a row twice;
 * a deadline that passed while every instance was down fires on the first round after start.
 */
@Singleton
public class DeadlineFiring extends BackgroundWorker {

    private static final Logger LOG = Logger.getLogger(DeadlineFiring.class);
    private static final String CLAIM_DUE = "select * from deadline where state = 'OPEN' and due_at <= ?1 "
            + "order by due_at limit ?2 for update skip locked";

    private final Outbox outbox;
    private final SchedulerConfig config;

    public DeadlineFiring(Outbox outbox, SchedulerConfig config) {
        super("deadline-firing", config.retryPause());
        this.outbox = outbox;
        this.config = config;
    }

    /** Fires what is due, then sleeps until the next due time (a nudge, on a new deadline, re-plans that). */
    @Override
    protected Uni<Round> round() {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> Panache.getSession()
                        .flatMap(session -> session.createNativeQuery(CLAIM_DUE, Deadline.class)
                                .setParameter(1, now)
                                .setParameter(2, config.batchSize())
                                .getResultList())
                        .flatMap(due -> fire(due, now)))
                .invoke(fired -> {
                    if (fired > 0) {
                        outbox.committed();
                    }
                })
                .flatMap(fired -> fired == config.batchSize()
                        ? Uni.createFrom().item(Round.more())
                        : nextWakeUp());
    }

    private Uni<Integer> fire(List<Deadline> due, Instant now) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Deadline deadline : due) {
            deadline.state = Deadline.State.OVERDUE;
            deadline.firedAt = now;
            long lateMillis = Duration.between(deadline.dueAt, now).toMillis();
            if (lateMillis > 1_000) {
                LOG.infof("Deadline of call %s fired %d ms late", deadline.callId, lateMillis);
            }
            CallbackOverdue event = CallbackOverdue.of(deadline.tenantId, deadline.callId, now, deadline.dueAt,
                    deadline.assignee);
            chain = chain.chain(() -> outbox.append(Topics.DEADLINE_EVENTS, event));
        }
        return chain.replaceWith(due.size());
    }

    /** Sleep until the earliest open deadline, but never longer than the poll interval. */
    private Uni<Round> nextWakeUp() {
        return Panache.withSession(() -> Deadline.<Deadline>find("state = ?1 order by dueAt", Deadline.State.OPEN)
                        .firstResult())
                .map(next -> {
                    Duration cap = config.pollInterval();
                    if (next == null) {
                        return Round.idle(cap);
                    }
                    Duration untilDue = Duration.between(Instant.now(), next.dueAt);
                    if (untilDue.isNegative() || untilDue.isZero()) {
                        return Round.more();
                    }
                    return Round.idle(untilDue.compareTo(cap) < 0 ? untilDue : cap);
                });
    }
}
