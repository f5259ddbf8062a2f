package io.orikaeshi.notification.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

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
}
