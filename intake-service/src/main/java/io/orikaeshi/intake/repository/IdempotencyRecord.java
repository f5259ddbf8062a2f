package io.orikaeshi.intake.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

@Entity
@Table(name = "idempotency_key")
public class IdempotencyRecord extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(name = "tenant_id") String tenantId, @Column(name = "idem_key") String key)
            implements Serializable {
    }

    @EmbeddedId
    public Key id;
    @Column(name = "request_hash")
    public String requestHash;
    @Column(name = "call_id")
    public String callId;
    @Column(name = "created_at")
    public Instant createdAt;
}
