package io.orikaeshi.scheduler.repository;

import io.orikaeshi.events.AssigneeKind;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One promised callback and where it stands; its clocks are {@link DeadlineTimer} rows of its current version. */
@Entity
@Table(name = "deadline")
public class Deadline extends PanacheEntityBase {

    public enum State {
        OPEN, WARNED, OVERDUE, ESCALATED, COMPLETED, CANCELLED;

        /** No clock runs for a promise in a final state. */
        public boolean isFinal() {
            return this == COMPLETED || this == CANCELLED;
        }
    }

    @Id
    public String callId;
    public String tenantId;
    public Instant dueAt;
    /** Bumped by every extension: timers and event ids of an older version are void. */
    public int version;
    public String assignee;
    @Enumerated(EnumType.STRING)
    public AssigneeKind assigneeKind;
    public Instant promisedAt;
    @Enumerated(EnumType.STRING)
    public State state;
    /** Highest escalation level emitted for the current version. */
    public int escalationLevel;
    public Instant acknowledgedAt;
    public Instant firedAt;
    public Instant completedAt;
    public Instant cancelledAt;
    public int chaseCount;
    public int attempts;
    public Instant nextAttemptAt;
    /** When the call was reported (its CallReceived recorded): the repeat notice counts from here. */
    public Instant reportedAt;
    /** The trace of the call that made the promise: the events its timers fire continue it. */
    public String traceParent;
}
