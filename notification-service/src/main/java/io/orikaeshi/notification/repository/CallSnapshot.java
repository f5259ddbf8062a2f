package io.orikaeshi.notification.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The CallReceived event of a call, kept so later alerts can say whom to call back. */
@Entity
@Table(name = "call_snapshot")
public class CallSnapshot extends PanacheEntityBase {

    @Id
    public String callId;
    public String tenantId;
    public String eventJson;
    public Instant receivedAt;
    /** The promised callback's due time (moved by extensions); null when none was promised. */
    public Instant dueAt;
    public boolean urgent;
    /** When the callback was completed or cancelled; null while it is open. */
    public Instant closedAt;
}
