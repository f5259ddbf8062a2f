package io.orikaeshi.scheduler.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A durable timer: one clock of one version of a promise. Armed by {@link TimerStore}, fired by the firing loop. */
@Entity
@Table(name = "deadline_timer")
public class DeadlineTimer extends PanacheEntityBase {

    public enum State {
        PENDING, FIRED, CANCELLED, SKIPPED
    }

    @Id
    public Long id;
    public String callId;
    @Enumerated(EnumType.STRING)
    public TimerKind kind;
    public int level;
    public Instant fireAt;
    public int promiseVersion;
    public String target;
    @Enumerated(EnumType.STRING)
    public State state;
    public Instant firedAt;
    /** Fired noticeably after its time: the service was down or overloaded. */
    public boolean late;
}
