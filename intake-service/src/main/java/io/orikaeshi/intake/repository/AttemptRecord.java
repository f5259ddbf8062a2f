package io.orikaeshi.intake.repository;

import io.orikaeshi.events.AttemptOutcome;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "callback_attempt")
public class AttemptRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "call_id")
    public String callId;
    @Enumerated(EnumType.STRING)
    public AttemptOutcome outcome;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "attempted_by")
    public String attemptedBy;
    @Column(name = "attempted_at")
    public Instant attemptedAt;
}
