package io.orikaeshi.intake.repository;

import io.orikaeshi.events.AssigneeKind;

import java.time.Instant;

/**
 * A stored call as intake reads it back: its identifiers and its callback's state, the part that may still change.
 * What the operator recorded is not here: it left with the call's CallReceived event and is never read back.
 */
public record StoredCall(String id, String tenantId, Instant receivedAt, CallbackStatus callbackStatus,
        Instant callbackDueAt, String callbackAssignee, AssigneeKind assigneeKind,
        Instant callbackCompletedAt, Instant acknowledgedAt, Instant cancelledAt, String chaseOf,
        int chaseCount) {

    public StoredCall completed(Instant at) {
        return withState(CallbackStatus.COMPLETED, callbackDueAt, callbackAssignee, assigneeKind, at, acknowledgedAt,
                cancelledAt);
    }

    public StoredCall cancelled(Instant at) {
        return withState(CallbackStatus.CANCELLED, callbackDueAt, callbackAssignee, assigneeKind, callbackCompletedAt,
                acknowledgedAt, at);
    }

    public StoredCall dueAt(Instant dueAt) {
        return withState(callbackStatus, dueAt, callbackAssignee, assigneeKind, callbackCompletedAt, acknowledgedAt,
                cancelledAt);
    }

    public StoredCall assignedTo(String assignee, AssigneeKind kind) {
        return withState(callbackStatus, callbackDueAt, assignee, kind, callbackCompletedAt, acknowledgedAt,
                cancelledAt);
    }

    public StoredCall acknowledged(Instant at) {
        return withState(callbackStatus, callbackDueAt, callbackAssignee, assigneeKind, callbackCompletedAt, at,
                cancelledAt);
    }

    private StoredCall withState(CallbackStatus status, Instant dueAt, String assignee, AssigneeKind kind,
            Instant completedAt, Instant acknowledged, Instant cancelled) {
        return new StoredCall(id, tenantId, receivedAt, status, dueAt, assignee, kind, completedAt, acknowledged,
                cancelled, chaseOf, chaseCount);
    }
}
