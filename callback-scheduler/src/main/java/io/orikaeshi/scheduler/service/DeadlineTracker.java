package io.orikaeshi.scheduler.service;

import io.orikaeshi.events.AssigneeKind;
import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackAcknowledged;
import io.orikaeshi.events.CallbackAttempted;
import io.orikaeshi.events.CallbackCancelled;
import io.orikaeshi.events.CallbackChased;
import io.orikaeshi.events.CallbackCompleted;
import io.orikaeshi.events.CallbackExtended;
import io.orikaeshi.events.CallbackPromise;
import io.orikaeshi.events.CallbackReassigned;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.kit.tracing.Tracing;
import io.orikaeshi.scheduler.repository.Deadline;
import io.orikaeshi.scheduler.repository.PlannedTimer;
import io.orikaeshi.scheduler.repository.TimerKind;
import io.orikaeshi.scheduler.repository.TimerStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The promise state machine on the consuming side: turns call events into deadline state and armed or cancelled
 * timers. Runs inside the consumer's transaction (see ProcessedEvents), so an event's effect is applied exactly once.
 * Events for an unknown call or a finished promise change nothing.
 */
@ApplicationScoped
public class DeadlineTracker {

    private static final Logger LOG = Logger.getLogger(DeadlineTracker.class);

    @Inject
    TimerStore timers;
    @Inject
    PromisePolicies policies;
    @Inject
    SchedulerConfig config;

    public Uni<Void> apply(OrikaeshiEvent event) {
        if (event instanceof CallReceived received) {
            return promised(received);
        }
        if (event instanceof CallbackCompleted completed) {
            return onOpen(completed, deadline -> {
                deadline.state = Deadline.State.COMPLETED;
                deadline.completedAt = at(completed);
                return timers.cancelAll(deadline.callId).replaceWithVoid();
            });
        }
        if (event instanceof CallbackCancelled cancelled) {
            return onOpen(cancelled, deadline -> {
                deadline.state = Deadline.State.CANCELLED;
                deadline.cancelledAt = at(cancelled);
                return timers.cancelAll(deadline.callId).replaceWithVoid();
            });
        }
        if (event instanceof CallbackExtended extended) {
            return onOpen(extended, deadline -> extend(deadline, extended));
        }
        if (event instanceof CallbackAcknowledged acknowledged) {
            return onOpen(acknowledged, deadline -> {
                deadline.acknowledgedAt = at(acknowledged);
                return timers.cancel(deadline.callId, TimerKind.ESCALATE, TimerKind.REPEAT).replaceWithVoid();
            });
        }
        if (event instanceof CallbackReassigned reassigned) {
            return onOpen(reassigned, deadline -> reassign(deadline, reassigned));
        }
        if (event instanceof CallbackAttempted attempted) {
            return onOpen(attempted, deadline -> attempted(deadline, attempted));
        }
        if (event instanceof CallbackChased chased) {
            return onOpen(chased, deadline -> chase(deadline, chased));
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> promised(CallReceived event) {
        if (!event.call().callbackPromised()) {
            return Uni.createFrom().voidItem();
        }
        CallbackPromise promise = event.call().callback();
        Instant promisedAt = event.call().receivedAt() != null ? event.call().receivedAt() : at(event);
        Instant dueAt = policies.dueAt(event.tenantId(), promise, promisedAt).orElse(null);
        if (dueAt == null) {
            LOG.warnf("Call %s of tenant %s promises a callback without a due time that can be computed: not tracked",
                    event.callId(), event.tenantId());
            return Uni.createFrom().voidItem();
        }
        Deadline deadline = new Deadline();
        deadline.callId = event.callId();
        deadline.tenantId = event.tenantId();
        deadline.dueAt = dueAt;
        deadline.version = 1;
        deadline.assignee = promise.assignee();
        deadline.assigneeKind = promise.assigneeKind() != null
                ? promise.assigneeKind()
                : promise.assignee() != null ? AssigneeKind.PERSON : AssigneeKind.POOL;
        deadline.promisedAt = promisedAt;
        deadline.reportedAt = at(event);
        deadline.state = Deadline.State.OPEN;
        deadline.traceParent = Tracing.currentTraceparent();
        return deadline.persist().chain(() -> arm(deadline)).chain(() -> armRepeat(deadline));
    }

    /**
     * The repeat notice counts from the report, that is when intake recorded the call (the event's occurredAt), not
     * from when the phone rang (receivedAt): the client cannot acknowledge a call before its report exists, and a call
     * recorded late would otherwise be repeated at once.
     */
    private Uni<Void> armRepeat(Deadline deadline) {
        return policies.of(deadline.tenantId).repeat(deadline.reportedAt)
                .map(timer -> timers.arm(deadline.callId, deadline.version, List.of(catchingUp(timer, Instant.now()))))
                .orElseGet(() -> Uni.createFrom().voidItem());
    }

    /** The new due time replaces the old one: a new version, every clock re-armed, the chain starts afresh. */
    private Uni<Void> extend(Deadline deadline, CallbackExtended event) {
        deadline.version++;
        deadline.dueAt = event.newDueAt();
        deadline.promisedAt = at(event);
        deadline.state = Deadline.State.OPEN;
        deadline.escalationLevel = 0;
        deadline.acknowledgedAt = null;
        return timers.cancelVersionClocks(deadline.callId).chain(() -> arm(deadline));
    }

    private Uni<Void> reassign(Deadline deadline, CallbackReassigned event) {
        deadline.assignee = event.assignee();
        deadline.assigneeKind = event.assigneeKind();
        if (event.assigneeKind() == AssigneeKind.PERSON) {
            return Uni.createFrom().voidItem();
        }
        // A pool or a supervisor already owns it: nothing to fall back from.
        return timers.cancel(deadline.callId, TimerKind.POOL_FALLBACK).replaceWithVoid();
    }

    /**
     * An attempt leaves the deadline and its clocks as they are (only completion or an agreed extension moves them),
     * but a next-attempt time arms a reminder to the assignee; a later attempt replaces the earlier reminder, and
     * one without a next-attempt time (the caller was reached) withdraws it. The reminder's level is the attempt's
     * number, so each attempt's reminder is its own timer and its own event id.
     */
    private Uni<Void> attempted(Deadline deadline, CallbackAttempted event) {
        deadline.attempts++;
        deadline.nextAttemptAt = event.nextAttemptAt();
        Uni<Integer> withdrawn = timers.cancel(deadline.callId, TimerKind.NEXT_ATTEMPT);
        if (event.nextAttemptAt() == null) {
            return withdrawn.replaceWithVoid();
        }
        return withdrawn.chain(() -> timers.arm(deadline.callId, deadline.version, List.of(new PlannedTimer(
                TimerKind.NEXT_ATTEMPT, deadline.attempts, event.nextAttemptAt(), deadline.assignee))));
    }

    /** The caller rang again: the promise goes one level up the chain at once, whatever its due time. */
    private Uni<Void> chase(Deadline deadline, CallbackChased event) {
        deadline.chaseCount = Math.max(deadline.chaseCount + 1, event.chaseCount());
        int level = deadline.escalationLevel + 1;
        String target = policies.of(deadline.tenantId).escalationTarget(level);
        return timers.arm(deadline.callId, deadline.version,
                List.of(new PlannedTimer(TimerKind.ESCALATE, level, Instant.now(), target)));
    }

    private Uni<Void> arm(Deadline deadline) {
        Instant now = Instant.now();
        List<PlannedTimer> planned = policies.of(deadline.tenantId)
                .timers(deadline.promisedAt, deadline.dueAt, deadline.assigneeKind).stream()
                .map(timer -> catchingUp(timer, now))
                .toList();
        return timers.arm(deadline.callId, deadline.version, planned);
    }

    private PlannedTimer catchingUp(PlannedTimer timer, Instant now) {
        return timer.fireAt().isAfter(now)
                ? timer
                : new PlannedTimer(timer.kind(), timer.level(), now.plus(config.catchUpSettle()), timer.target());
    }

    private static Uni<Void> onOpen(OrikaeshiEvent event, Function<Deadline, Uni<Void>> change) {
        return Deadline.<Deadline>findById(event.callId()).chain(deadline -> {
            if (deadline == null || deadline.state.isFinal()) {
                return Uni.createFrom().voidItem();
            }
            return change.apply(deadline);
        });
    }

    private static Instant at(OrikaeshiEvent event) {
        return event.occurredAt() != null ? event.occurredAt() : Instant.now();
    }
}
