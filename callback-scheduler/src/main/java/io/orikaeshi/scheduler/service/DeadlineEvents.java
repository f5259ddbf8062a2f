package io.orikaeshi.scheduler.service;

import io.orikaeshi.events.AssigneeKind;
import io.orikaeshi.events.CallbackEscalated;
import io.orikaeshi.events.CallbackOverdue;
import io.orikaeshi.events.CallbackReassigned;
import io.orikaeshi.events.CallbackWarned;
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

    static OrikaeshiEvent of(DeadlineTimer timer, Deadline deadline, Instant now) {
        return switch (timer.kind) {
            case WARN -> new CallbackWarned(id("CallbackWarned", deadline, 0), CallbackWarned.VERSION,
                    deadline.tenantId, deadline.callId, now, deadline.dueAt, deadline.assignee);
            case OVERDUE -> new CallbackOverdue(id("CallbackOverdue", deadline, 0), CallbackOverdue.VERSION,
                    deadline.tenantId, deadline.callId, now, deadline.dueAt, deadline.assignee);
            case ESCALATE -> new CallbackEscalated(id("CallbackEscalated", deadline, timer.level),
                    CallbackEscalated.VERSION, deadline.tenantId, deadline.callId, now, deadline.dueAt, timer.level,
                    escalationTarget(timer.target, deadline));
            case POOL_FALLBACK -> new CallbackReassigned(id("CallbackReassigned", deadline, 0),
                    CallbackReassigned.VERSION, deadline.tenantId, deadline.callId, now, timer.target,
                    AssigneeKind.POOL, SCHEDULER);
        };
    }

    /** "assignee" means whoever owns the callback when the level fires; the pool name when nobody does. */
    private static String escalationTarget(String configured, Deadline deadline) {
        if (configured == null || PromisePolicy.ASSIGNEE.equals(configured)) {
            return deadline.assignee;
        }
        return configured;
    }

    private static String id(String type, Deadline deadline, int level) {
        return EventIds.deterministic(type, deadline.callId, deadline.dueAt, level, deadline.version);
    }
}
