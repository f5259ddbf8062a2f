package io.orikaeshi.intake.service;

import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.Topics;
import io.orikaeshi.events.tenant.ApiKeyGrant;
import io.orikaeshi.events.tenant.TenantChanged;
import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.intake.repository.TenantRecord;
import io.orikaeshi.kit.outbox.Outbox;
import io.orikaeshi.kit.problem.ProblemException;
import io.orikaeshi.kit.security.ApiKeys;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.orikaeshi.kit.tenant.TenantSettings;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Tenant administration. Every change writes the tenant's new snapshot and its TenantChanged event in one
 * transaction (the outbox), so the services that read the tenant topic see exactly what intake stored. Intake
 * applies a committed snapshot to its own directory at once: a key issued here works on the next request.
 */
@ApplicationScoped
public class TenantAdmin {

    private final TenantDirectory directory;
    private final Outbox outbox;
    private final Clock clock;

    public TenantAdmin(TenantDirectory directory, Outbox outbox) {
        this.directory = directory;
        this.outbox = outbox;
        this.clock = Clock.systemUTC();
    }

    public record Issued(ApiKeyGrant grant, String key) {
    }

    /** Tenants changed through this API survive restarts even before the tenant topic has been read. */
    void load(@Observes StartupEvent event) {
        List<TenantRecord> rows;
        try {
            rows = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> TenantRecord.<TenantRecord>listAll()));
        } catch (Throwable e) {
            throw new IllegalStateException("Cannot read the tenants table", e);
        }
        rows.forEach(row -> directory.apply(EventCodec.tenantFromJson(row.snapshot)));
    }

    public Uni<TenantSettings> create(String tenantId, TenantProfile profile) {
        if (directory.find(tenantId).isPresent()) {
            return Uni.createFrom().failure(ProblemException.conflict("A tenant with this id already exists"));
        }
        TenantChanged change = TenantChanged.of(tenantId, 1, clock.instant(), profile, List.of());
        TenantRecord row = new TenantRecord();
        row.id = tenantId;
        return outbox.transaction(() -> write(row, change))
                .onFailure(UniqueViolation::in)
                .transform(e -> ProblemException.conflict("A tenant with this id already exists"))
                .map(done -> published(change));
    }

    public Uni<TenantSettings> replaceProfile(String tenantId, TenantProfile profile) {
        return change(tenantId, current -> new TenantSettings(tenantId, current.revision(), profile, current.apiKeys()));
    }

    public Uni<Issued> issueKey(String tenantId, ApiKeyGrant.Role role, String label) {
        ApiKeys.NewKey key = ApiKeys.generate();
        ApiKeyGrant grant = new ApiKeyGrant(key.id(), role, key.sha256(), label == null ? "" : label.trim(),
                clock.instant(), null);
        return change(tenantId, current -> {
            List<ApiKeyGrant> keys = new ArrayList<>(current.apiKeys());
            keys.add(grant);
            return new TenantSettings(tenantId, current.revision(), current.config(), keys);
        }).map(done -> new Issued(grant, key.key()));
    }

    /** Revoking twice is harmless: the key stays revoked at its first revocation time. */
    public Uni<Void> revokeKey(String tenantId, String keyId) {
        if (directory.find(tenantId).stream().flatMap(t -> t.apiKeys().stream()).noneMatch(k -> k.keyId().equals(keyId))) {
            return Uni.createFrom().failure(ProblemException.notFound("API key"));
        }
        Instant now = clock.instant();
        return change(tenantId, current -> new TenantSettings(tenantId, current.revision(), current.config(),
                current.apiKeys().stream().map(k -> k.keyId().equals(keyId) && k.active()
                        ? new ApiKeyGrant(k.keyId(), k.role(), k.sha256(), k.label(), k.createdAt(), now) : k)
                        .toList())).replaceWithVoid();
    }

    private Uni<TenantSettings> change(String tenantId, UnaryOperator<TenantSettings> edit) {
        TenantSettings seed = directory.find(tenantId).orElse(null);
        if (seed == null) {
            return Uni.createFrom().failure(ProblemException.notFound("Tenant"));
        }
        return outbox.transaction(() -> TenantRecord.<TenantRecord>findById(tenantId, LockModeType.PESSIMISTIC_WRITE)
                        .flatMap(row -> {
                            // A tenant only in configuration gets its row with its first change.
                            TenantSettings current = row == null ? seed : settingsOf(row);
                            TenantSettings edited = edit.apply(current);
                            TenantChanged change = TenantChanged.of(tenantId, current.revision() + 1, clock.instant(),
                                    edited.config(), edited.apiKeys());
                            TenantRecord target = row != null ? row : newRow(tenantId);
                            return write(target, change).replaceWith(change);
                        }))
                .onFailure(UniqueViolation::in)
                .transform(e -> ProblemException.conflict("The tenant changed at the same time; retry"))
                .map(this::published);
    }

    private Uni<Void> write(TenantRecord row, TenantChanged change) {
        row.revision = change.revision();
        row.snapshot = EventCodec.toJson(change);
        row.updatedAt = change.occurredAt();
        return row.persist().chain(() -> outbox.append(Topics.TENANT_EVENTS, change));
    }

    private TenantSettings published(TenantChanged change) {
        directory.apply(change);
        return directory.find(change.tenantId()).orElseThrow();
    }

    private static TenantRecord newRow(String tenantId) {
        TenantRecord row = new TenantRecord();
        row.id = tenantId;
        return row;
    }

    private static TenantSettings settingsOf(TenantRecord row) {
        TenantChanged snapshot = EventCodec.tenantFromJson(row.snapshot);
        return new TenantSettings(snapshot.tenantId(), snapshot.revision(), snapshot.profile(), snapshot.apiKeys());
    }
}
