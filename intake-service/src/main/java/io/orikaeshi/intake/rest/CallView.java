package io.orikaeshi.intake.rest;

import io.orikaeshi.intake.repository.StoredCall;

import io.orikaeshi.intake.repository.CallbackStatus;

import java.time.Instant;

/**
 * What intake answers about a call: identifiers and the callback's state, no personal data echoed back.
 *
 * @param chaseOf    the open promise this call chased (the caller rang again), or null
 * @param chaseCount how many later calls chased this call's promise
 */
public record CallView(String callId, String tenantId, Instant receivedAt, CallbackStatus callbackStatus,
        Instant callbackDueAt, Instant callbackCompletedAt, String chaseOf, int chaseCount) {

    public static CallView of(StoredCall call) {
        return new CallView(call.id(), call.tenantId(), call.receivedAt(), call.callbackStatus(),
                call.callbackDueAt(), call.callbackCompletedAt(), call.chaseOf(), call.chaseCount());
    }
}
