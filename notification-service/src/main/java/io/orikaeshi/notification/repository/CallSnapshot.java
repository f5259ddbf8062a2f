package io.orikaeshi.notification.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The CallReceived event of a call, kept so later alerts can say whom to call back. */
@Entity
@Table(name = "call_snapshot")
public class CallSnapshot extends PanacheEntityBase {

    @Id
    @Column(name = "call_id")
    public String callId;
    @Column(name = "tenant_id")
    public String tenantId;
    @Column(name = "event_json")
    public String eventJson;
    @Column(name = "received_at")
    public Instant receivedAt;
    /** The promised callback's due time (moved by extensions); null when none was promised. */
    @Column(name = "due_at")
    public Instant dueAt;
    public boolean urgent;
    /** When the callback was completed or cancelled; null while it is open. */
    @Column(name = "closed_at")
    public Instant closedAt;
}
