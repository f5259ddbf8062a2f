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
import io.orikaeshi.intake.repository.CallRows;
import io.orikaeshi.intake.repository.CallbackStatus;
import io.orikaeshi.intake.repository.StoredCall;
import io.orikaeshi.kit.outbox.Outbox;
import io.orikaeshi.kit.outbox.OutboxRow;
import io.orikaeshi.kit.problem.ProblemException;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.orikaeshi.kit.tracing.Tracing;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * What operators and clients do with an open callback. Each action locks the call, checks that the callback is
 * still open (a completed or cancelled callback cannot change: 409), changes it and appends its event, in one
 * transaction.
 */
@ApplicationScoped
public class CallbackActions {

    /** What an action did: the callback's new state and the event announcing it. */
    private record Change(StoredCall call, OrikaeshiEvent event) {
    }

    @Inject
    TenantDirectory tenants;
    @Inject
    Pool pool;
    @Inject
    Outbox outbox;

    public Uni<StoredCall> complete(String tenantId, String callId, String by) {
        return act(tenantId, callId,
                (call, now) -> new Change(call.completed(now), CallbackCompleted.of(tenantId, callId, now, by)));
    }

    /** The attempt leaves the callback as it is; its row in callback_attempt is written from its event. */
    public Uni<StoredCall> attempt(String tenantId, String callId, AttemptOutcome outcome, Instant nextAttemptAt,
            String by) {
        return act(tenantId, callId, (call, now) -> {
            if (nextAttemptAt != null && !nextAttemptAt.isAfter(now)) {
                throw ProblemException.invalid("nextAttemptAt", "must be in the future");
            }
            return new Change(call, CallbackAttempted.of(tenantId, callId, now, outcome, nextAttemptAt, by));
        });
    }

    public Uni<StoredCall> extend(String tenantId, String callId, Instant requestedDueAt, String by) {
        Instant newDueAt = requestedDueAt.truncatedTo(ChronoUnit.MICROS);
        return act(tenantId, callId, (call, now) -> {
            if (!newDueAt.isAfter(now)) {
                throw ProblemException.invalid("newDueAt", "must be in the future");
            }
            if (newDueAt.isAfter(now.plus(PromiseRules.LONGEST_PROMISE))) {
                throw ProblemException.invalid("newDueAt", "must be within a year");
            }
            if (newDueAt.equals(call.callbackDueAt())) {
                throw ProblemException.invalid("newDueAt", "is the current due time");
            }
            return new Change(call.dueAt(newDueAt),
                    CallbackExtended.of(tenantId, callId, now, call.callbackDueAt(), newDueAt, by));
        });
    }

    public Uni<StoredCall> cancel(String tenantId, String callId, String reason, String by) {
        return act(tenantId, callId, (call, now) -> new Change(call.cancelled(now),
                CallbackCancelled.of(tenantId, callId, now, reason, by)));
    }

    public Uni<StoredCall> reassign(String tenantId, String callId, String assignee, AssigneeKind kind, String by) {
        String stripped = assignee.strip();
        return act(tenantId, callId, (call, now) -> new Change(call.assignedTo(stripped, kind),
                CallbackReassigned.of(tenantId, callId, now, stripped, kind, by)));
    }

    public Uni<StoredCall> acknowledge(String tenantId, String callId, String by) {
        return acknowledge(tenantId, callId, by, null);
    }

    /** {@code messageId} names the message whose link acknowledged; null when none did. */
    public Uni<StoredCall> acknowledge(String tenantId, String callId, String by, String messageId) {
        return act(tenantId, callId, (call, now) -> new Change(call.acknowledged(now),
                CallbackAcknowledged.of(tenantId, callId, now, by, messageId)));
    }

    private Uni<StoredCall> act(String tenantId, String callId, BiFunction<StoredCall, Instant, Change> change) {
        tenants.require(tenantId);
        String traceParent = Tracing.currentTraceparent();
        return pool.withTransaction(connection -> connection.preparedQuery(CallRows.LOCK_CALL)
                .execute(Tuple.of(callId, tenantId))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("Call");
                    }
                    StoredCall call = CallRows.of(rows.iterator().next());
                    if (call.callbackStatus() != CallbackStatus.OPEN) {
                        throw ProblemException.conflict(call.callbackStatus() == CallbackStatus.NONE
                                ? "No callback was promised for this call"
                                : "The callback is already " + call.callbackStatus().name().toLowerCase(Locale.ROOT));
                    }
                    Change done = change.apply(call, Instant.now());
                    return write(connection, call, done)
                            .chain(() -> outbox.appendAll(connection,
                                    List.of(OutboxRow.of(Topics.CALL_EVENTS, done.event(), traceParent))))
                            .replaceWith(done.call());
                }));
    }

    private static Uni<Void> write(SqlConnection connection, StoredCall before, Change done) {
        if (done.event() instanceof CallbackAttempted attempt) {
            return connection.preparedQuery(CallRows.INSERT_ATTEMPT).execute(CallRows.attemptArguments(attempt))
                    .replaceWithVoid();
        }
        return done.call().equals(before)
                ? Uni.createFrom().voidItem()
                : connection.preparedQuery(CallRows.UPDATE_CALLBACK).execute(CallRows.updateArguments(done.call()))
                        .replaceWithVoid();
    }
}
