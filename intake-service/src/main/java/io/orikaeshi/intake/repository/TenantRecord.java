package io.orikaeshi.intake.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "tenant")
public class TenantRecord extends PanacheEntityBase {

    @Id
    public String id;
    public long revision;
    /** The TenantChanged event of the latest revision, as JSON. */
    public String snapshot;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
