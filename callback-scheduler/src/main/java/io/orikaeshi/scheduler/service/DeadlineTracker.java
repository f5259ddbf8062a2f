package io.orikaeshi.scheduler.service;

import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackCompleted;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.scheduler.repository.Deadline;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Turns call events into deadline state. Runs inside the consumer's transaction (see ProcessedEvents). */
@ApplicationScoped
public class DeadlineTracker {

    public Uni<Void> apply(OrikaeshiEvent event) {
        if (event instanceof CallReceived received) {
            return promised(received);
        }
        if (event instanceof CallbackCompleted completed) {
            return completed(completed);
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> promised(CallReceived event) {
        if (!event.call().callbackPromised()) {
            return Uni.createFrom().voidItem();
        }
        Deadline deadline = new Deadline();
        deadline.callId = event.callId();
        deadline.tenantId = event.tenantId();
        deadline.dueAt = event.call().callback().dueAt();
        deadline.assignee = event.call().callback().assignee();
        deadline.state = Deadline.State.OPEN;
        return deadline.persist().replaceWithVoid();
    }

    private Uni<Void> completed(CallbackCompleted event) {
        return Deadline.<Deadline>findById(event.callId()).invoke(deadline -> {
            if (deadline != null && deadline.state != Deadline.State.COMPLETED) {
                deadline.state = Deadline.State.COMPLETED;
                deadline.completedAt = event.occurredAt() == null ? Instant.now() : event.occurredAt();
            }
        }).replaceWithVoid();
    }
}
