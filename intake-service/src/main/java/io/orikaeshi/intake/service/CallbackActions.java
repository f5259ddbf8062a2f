package io.orikaeshi.intake.service;

import io.orikaeshi.events.AssigneeKind;
import io.orikaeshi.events.AttemptOutcome;
import io.orikaeshi.events.CallbackAcknowledged;
import io.orikaeshi.events.CallbackAttempted;
import io.orikaeshi.events.CallbackCancelled;
import io.orikaeshi.events.CallbackCompleted;
import io.orikaeshi.events.CallbackExtended;
import io.orikaeshi.events.CallbackReassigned;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.events.Topics;
import io.orikaeshi.intake.repository.AttemptRecord;
import io.orikaeshi.intake.repository.CallRecord;
import io.orikaeshi.intake.repository.CallbackStatus;
import io.orikaeshi.kit.outbox.Outbox;
import io.orikaeshi.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * What operators and clients do with an open callback. Each action locks the call, checks that the callback is
 * still open (a completed or cancelled callback cannot change: 409), changes it and appends its event, in one
 * transaction.
 */
@ApplicationScoped
public class CallbackActions {

    private final Tenants tenants;
    private final Outbox outbox;

    public CallbackActions(Tenants tenants, Outbox outbox) {
        this.tenants = tenants;
        this.outbox = outbox;
    }

    public Uni<CallRecord> complete(String tenantId, String callId, String by) {
        return act(tenantId, callId, (call, now) -> {
            call.callbackStatus = CallbackStatus.COMPLETED;
            call.callbackCompletedAt = now;
            return Uni.createFrom().item(CallbackCompleted.of(tenantId, callId, now, by));
        });
    }

    public Uni<CallRecord> attempt(String tenantId, String callId, AttemptOutcome outcome, Instant nextAttemptAt,
                                   String by) {
        return act(tenantId, callId, (call, now) -> {
            if (nextAttemptAt != null && !nextAttemptAt.isAfter(now)) {
                throw ProblemException.invalid("nextAttemptAt", "must be in the future");
            }
            AttemptRecord attempt = new AttemptRecord();
            attempt.callId = callId;
            attempt.outcome = outcome;
            attempt.nextAttemptAt = nextAttemptAt;
            attempt.attemptedBy = by;
            attempt.attemptedAt = now;
            return attempt.persist().replaceWith(CallbackAttempted.of(tenantId, callId, now, outcome, nextAttemptAt, by));
        });
    }

    public Uni<CallRecord> extend(String tenantId, String callId, Instant requestedDueAt, String by) {
        Instant newDueAt = requestedDueAt.truncatedTo(ChronoUnit.MICROS);
        return act(tenantId, callId, (call, now) -> {
            if (!newDueAt.isAfter(now)) {
                throw ProblemException.invalid("newDueAt", "must be in the future");
            }
            if (newDueAt.isAfter(now.plus(PromiseRules.LONGEST_PROMISE))) {
                throw ProblemException.invalid("newDueAt", "must be within a year");
            }
            if (newDueAt.equals(call.callbackDueAt)) {
                throw ProblemException.invalid("newDueAt", "is the current due time");
            }
            Instant previous = call.callbackDueAt;
            call.callbackDueAt = newDueAt;
            return Uni.createFrom().item(CallbackExtended.of(tenantId, callId, now, previous, newDueAt, by));
        });
    }

    public Uni<CallRecord> cancel(String tenantId, String callId, String reason, String by) {
        return act(tenantId, callId, (call, now) -> {
            call.callbackStatus = CallbackStatus.CANCELLED;
            call.cancelledAt = now;
            return Uni.createFrom().item(CallbackCancelled.of(tenantId, callId, now, reason, by));
        });
    }

    public Uni<CallRecord> reassign(String tenantId, String callId, String assignee, AssigneeKind kind, String by) {
        return act(tenantId, callId, (call, now) -> {
            call.callbackAssignee = assignee.strip();
            call.assigneeKind = kind;
            return Uni.createFrom().item(CallbackReassigned.of(tenantId, callId, now, call.callbackAssignee, kind, by));
        });
    }

    public Uni<CallRecord> acknowledge(String tenantId, String callId, String by) {
        return act(tenantId, callId, (call, now) -> {
            call.acknowledgedAt = now;
            return Uni.createFrom().item(CallbackAcknowledged.of(tenantId, callId, now, by));
        });
    }

    private Uni<CallRecord> act(String tenantId, String callId,
                                BiFunction<CallRecord, Instant, Uni<? extends OrikaeshiEvent>> change) {
        tenants.require(tenantId);
        return outbox.transaction(() -> CallRecord.<CallRecord>find("id = ?1 and tenantId = ?2", callId, tenantId)
                        .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                        .onItem().ifNull().failWith(() -> ProblemException.notFound("Call"))
                        .flatMap(call -> {
                            if (call.callbackStatus != CallbackStatus.OPEN) {
                                throw ProblemException.conflict(call.callbackStatus == CallbackStatus.NONE
                                        ? "No callback was promised for this call"
                                        : "The callback is already " + call.callbackStatus.name().toLowerCase(Locale.ROOT));
                            }
                            Instant now = Instant.now();
                            return change.apply(call, now)
                                    .flatMap(event -> outbox.append(Topics.CALL_EVENTS, event))
                                    .replaceWith(call);
                        }));
    }
}
