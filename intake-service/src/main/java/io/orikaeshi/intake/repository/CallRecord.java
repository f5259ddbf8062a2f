package io.orikaeshi.intake.repository;

import io.orikaeshi.events.AssigneeKind;
import io.orikaeshi.events.CallDirection;
import io.orikaeshi.events.CaptureStatus;
import io.orikaeshi.events.PromiseKind;
import io.orikaeshi.events.Urgency;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** Intake's own record of a call; the source of truth for whether its callback may still change state. */
@Entity
@Table(name = "received_call")
public class CallRecord extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "tenant_id")
    public String tenantId;
    @Column(name = "received_at")
    public Instant receivedAt;
    @Column(name = "operator_id")
    public String operatorId;
    public String site;
    public String addressee;

    @Enumerated(EnumType.STRING)
    @Column(name = "caller_name_status")
    public CaptureStatus callerNameStatus;
    @Column(name = "caller_name")
    public String callerName;
    @Enumerated(EnumType.STRING)
    @Column(name = "purpose_status")
    public CaptureStatus purposeStatus;
    public String purpose;
    @Enumerated(EnumType.STRING)
    @Column(name = "callback_number_status")
    public CaptureStatus callbackNumberStatus;
    @Column(name = "callback_number")
    public String callbackNumber;

    @Enumerated(EnumType.STRING)
    public Urgency urgency;
    public String notes;

    @Enumerated(EnumType.STRING)
    @Column(name = "callback_status")
    public CallbackStatus callbackStatus;
    @Column(name = "callback_due_at")
    public Instant callbackDueAt;
    @Column(name = "callback_assignee")
    public String callbackAssignee;
    @Column(name = "callback_completed_at")
    public Instant callbackCompletedAt;

    @Enumerated(EnumType.STRING)
    public CallDirection direction;
    @Column(name = "purpose_category")
    public String purposeCategory;
    /** The hearing answers as the event's JSON list: they are only ever read back whole. */
    @Column(name = "hearing_items")
    public String hearingItems;
    @Enumerated(EnumType.STRING)
    @Column(name = "promise_kind")
    public PromiseKind promiseKind;
    @Column(name = "not_before")
    public Instant notBefore;
    @Enumerated(EnumType.STRING)
    @Column(name = "assignee_kind")
    public AssigneeKind assigneeKind;
    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;
    @Column(name = "cancelled_at")
    public Instant cancelledAt;
    @Column(name = "chase_of")
    public String chaseOf;
    @Column(name = "chase_count")
    public int chaseCount;
    /** Guards concurrent operator actions on one callback: the second writer fails instead of overwriting. */
    @Version
    public int version;

    /** Tenant-scoped lookup: another tenant's call id is simply not found. */
    public static Uni<CallRecord> findForTenant(String tenantId, String callId) {
        return find("id = ?1 and tenantId = ?2", callId, tenantId).firstResult();
    }
}
