package io.orikaeshi.scheduler.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "deadline")
public class Deadline extends PanacheEntityBase {

    public enum State { OPEN, OVERDUE, COMPLETED }

    @Id
    @Column(name = "call_id")
    public String callId;
    @Column(name = "tenant_id")
    public String tenantId;
    @Column(name = "due_at")
    public Instant dueAt;
    public String assignee;
    @Enumerated(EnumType.STRING)
    public State state;
    @Column(name = "fired_at")
    public Instant firedAt;
    @Column(name = "completed_at")
    public Instant completedAt;
}
