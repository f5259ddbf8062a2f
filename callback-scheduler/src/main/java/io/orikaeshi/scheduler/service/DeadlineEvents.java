package io.orikaeshi.scheduler.service;

import io.orikaeshi.events.AssigneeKind;
import io.orikaeshi.events.CallbackEscalated;
import io.orikaeshi.events.CallbackOverdue;
import io.orikaeshi.events.CallbackReassigned;
import io.orikaeshi.events.CallbackUnacknowledged;
import io.orikaeshi.events.CallbackWarned;
import io.orikaeshi.events.EscalationReason;
import io.orikaeshi.events.EventIds;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.scheduler.repository.Deadline;
import io.orikaeshi.scheduler.repository.DeadlineTimer;

import java.time.Instant;

/**
 * The event a fired timer announces. Ids derive from (event type, call, due time, level, promise version): a timer
 * fired again after a crash, or by a second instance, emits the same id and is recognised downstream, while an
 * extension, even back to an earlier due time, is a new version and gets new ids.
 */
final class DeadlineEvents {

    static final String SCHEDULER = "callback-scheduler";

    private DeadlineEvents() {
    }

    /** @param escalatedTo for an escalation, whom it addresses (see {@link EscalationTargets}) */
    static OrikaeshiEvent of(DeadlineTimer timer, Deadline deadline, Instant now, String escalatedTo) {
        return switch (timer.kind) {
            case WARN -> CallbackWarned.of(deadline.tenantId, deadline.callId, now, deadline.dueAt, deadline.assignee,
                    0, deadline.version);
            // The warning's event at the time the operator set for the next attempt: "time to call back" is what it
            // says, to whoever owns the callback now. Its level is the attempt's number, so its id differs from the
            // warning before the due time and from the reminders of other attempts.
            case NEXT_ATTEMPT -> CallbackWarned.of(deadline.tenantId, deadline.callId, now, deadline.dueAt,
                    deadline.assignee, timer.level, deadline.version);
            case OVERDUE -> CallbackOverdue.of(deadline.tenantId, deadline.callId, now, deadline.dueAt,
                    deadline.assignee, deadline.version);
            // Planned levels fire after the due time; a level due before it was pulled forward by a chase call.
            case ESCALATE -> CallbackEscalated.of(deadline.tenantId, deadline.callId, now, deadline.dueAt, timer.level,
                    escalatedTo, deadline.version,
                    EscalationReason.inferred(timer.fireAt, deadline.dueAt));
            case POOL_FALLBACK -> new CallbackReassigned(
                    EventIds.ofPromise("CallbackReassigned", deadline.callId, deadline.dueAt, 0, deadline.version),
                    CallbackReassigned.VERSION, deadline.tenantId, deadline.callId, now, timer.target,
                    AssigneeKind.POOL, SCHEDULER);
            // Its id names the call only: one repeat notice per call, whatever the extensions since.
            case REPEAT -> CallbackUnacknowledged.of(deadline.tenantId, deadline.callId, now, deadline.reportedAt,
                    deadline.dueAt);
        };
    }
}
