package io.orikaeshi.scheduler.service;

import io.orikaeshi.events.CallbackOverdue;
import io.orikaeshi.events.Topics;
import io.orikaeshi.kit.outbox.Outbox;
import io.orikaeshi.kit.work.PollingWorker;
import io.orikaeshi.scheduler.repository.Deadline;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Fires due deadlines: marks them overdue and writes CallbackOverdue to the outbox in one transaction.
 * Rows are claimed with FOR UPDATE SKIP LOCKED, so several instances share the work and none fires a row twice;
 * a deadline that passed while every instance was down fires on the first round after start.
 */
@ApplicationScoped
public class DeadlineFiring {

    private static final Logger LOG = Logger.getLogger(DeadlineFiring.class);
    private static final String CLAIM_DUE = "select * from deadline where state = 'OPEN' and due_at <= ?1 "
            + "order by due_at limit ?2 for update skip locked";

    private final Outbox outbox;
    private final SchedulerConfig config;
    private final PollingWorker worker;

    public DeadlineFiring(Outbox outbox, SchedulerConfig config) {
        this.outbox = outbox;
        this.config = config;
        this.worker = new PollingWorker("deadline-firing", config.retryPause(), this::fireDue);
    }

    void start(@Observes StartupEvent event) {
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) {
        worker.stop();
    }

    /** A deadline was stored or changed: re-plan the next wake-up. */
    public void nudge() {
        worker.nudge();
    }

    Uni<PollingWorker.Round> fireDue() {
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
                        ? Uni.createFrom().item(PollingWorker.Round.more())
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
    private Uni<PollingWorker.Round> nextWakeUp() {
        return Panache.withSession(() -> Deadline.<Deadline>find("state = ?1 order by dueAt", Deadline.State.OPEN)
                        .firstResult())
                .map(next -> {
                    Duration cap = config.pollInterval();
                    if (next == null) {
                        return PollingWorker.Round.idle(cap);
                    }
                    Duration untilDue = Duration.between(Instant.now(), next.dueAt);
                    if (untilDue.isNegative() || untilDue.isZero()) {
                        return PollingWorker.Round.more();
                    }
                    return PollingWorker.Round.idle(untilDue.compareTo(cap) < 0 ? untilDue : cap);
                });
    }
}
