package io.orikaeshi.scheduler.repository;

import io.orikaeshi.events.AssigneeKind;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
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
    @Column(name = "call_id")
    public String callId;
    @Column(name = "tenant_id")
    public String tenantId;
    @Column(name = "due_at")
    public Instant dueAt;
    /** Bumped by every extension: timers and event ids of an older version are void. */
    public int version;
    public String assignee;
    @Enumerated(EnumType.STRING)
    @Column(name = "assignee_kind")
    public AssigneeKind assigneeKind;
    @Column(name = "promised_at")
    public Instant promisedAt;
    @Enumerated(EnumType.STRING)
    public State state;
    /** Highest escalation level emitted for the current version. */
    @Column(name = "escalation_level")
    public int escalationLevel;
    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;
    @Column(name = "fired_at")
    public Instant firedAt;
    @Column(name = "completed_at")
    public Instant completedAt;
    @Column(name = "cancelled_at")
    public Instant cancelledAt;
    @Column(name = "chase_count")
    public int chaseCount;
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    /** When the call was reported (its CallReceived recorded): the repeat notice counts from here. */
    @Column(name = "reported_at")
    public Instant reportedAt;
    /** The trace of the call that made the promise: the events its timers fire continue it. */
    @Column(name = "trace_parent")
    public String traceParent;
}
