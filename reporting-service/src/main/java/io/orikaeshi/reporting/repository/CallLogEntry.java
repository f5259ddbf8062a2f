package io.orikaeshi.reporting.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Read-only view of the call_log table; rows are written by {@link CallLogProjection}'s upserts. */
@Entity
@Table(name = "call_log")
public class CallLogEntry extends PanacheEntityBase {

    @Id
    @Column(name = "call_id")
    public String callId;
    @Column(name = "tenant_id")
    public String tenantId;
    @Column(name = "received_at")
    public Instant receivedAt;
    @Column(name = "operator_id")
    public String operatorId;
    public String site;
    public String addressee;
    @Column(name = "caller_name_status")
    public String callerNameStatus;
    @Column(name = "caller_name")
    public String callerName;
    @Column(name = "purpose_status")
    public String purposeStatus;
    public String purpose;
    @Column(name = "callback_number_status")
    public String callbackNumberStatus;
    @Column(name = "callback_number")
    public String callbackNumber;
    public String urgency;
    @Column(name = "callback_status")
    public String callbackStatus;
    @Column(name = "callback_due_at")
    public Instant callbackDueAt;
    @Column(name = "callback_assignee")
    public String callbackAssignee;
    @Column(name = "overdue_at")
    public Instant overdueAt;
    @Column(name = "completed_at")
    public Instant completedAt;
}
