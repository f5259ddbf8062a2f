package io.orikaeshi.intake.service;

import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.Topics;
import io.orikaeshi.events.tenant.ApiKeyGrant;
import io.orikaeshi.events.tenant.TenantChanged;
import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.intake.repository.TenantRows;
import io.orikaeshi.kit.outbox.Outbox;
import io.orikaeshi.kit.outbox.OutboxRow;
import io.orikaeshi.kit.problem.ProblemException;
import io.orikaeshi.kit.security.ApiKeys;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.orikaeshi.kit.tenant.TenantSettings;
import io.orikaeshi.kit.tracing.Tracing;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

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

    @Inject
    TenantDirectory directory;
    @Inject
    Pool pool;
    @Inject
    Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    public record Issued(ApiKeyGrant grant, String key) {
    }

    /** Tenants changed through this API survive restarts even before the tenant topic has been read. */
    void load(@Observes StartupEvent event) {
        List<String> snapshots = new ArrayList<>();
        try {
            pool.query(TenantRows.SELECT_ALL).execute().await().indefinitely()
                    .forEach(row -> snapshots.add(row.getString("snapshot")));
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot read the tenants table", e);
        }
        snapshots.forEach(snapshot -> directory.apply(EventCodec.tenantFromJson(snapshot)));
    }

    public Uni<TenantSettings> create(String tenantId, TenantProfile profile) {
        if (directory.find(tenantId).isPresent()) {
            return Uni.createFrom().failure(ProblemException.conflict("A tenant with this id already exists"));
        }
        try {
            TenantReferences.requireKnown(profile);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        TenantChanged change = TenantChanged.of(tenantId, 1, clock.instant(), profile, List.of());
        String traceParent = Tracing.currentTraceparent();
        return pool.withTransaction(connection -> write(connection, TenantRows.INSERT, change, traceParent))
                .onFailure(UniqueViolation::in)
                .transform(e -> ProblemException.conflict("A tenant with this id already exists"))
                .map(done -> published(change));
    }

    /**
     * The tenant's settings replaced; its contacts, channels and on-call schedules stay as they are (they have their
     * own resources), and the new routes and escalation levels must name only those.
     */
    public Uni<TenantSettings> replaceProfile(String tenantId, TenantProfile profile) {
        return editProfile(tenantId,
                current -> TenantReferences.requireKnown(ProfileEdits.withPartsOf(profile, current)));
    }

    /**
     * Applies {@code edit} to the tenant's current profile, read locked in the transaction that stores the result:
     * checks made by {@code edit} (a ProblemException it throws) see what no concurrent change can alter.
     */
    public Uni<TenantSettings> editProfile(String tenantId, UnaryOperator<TenantProfile> edit) {
        return change(tenantId, current -> new TenantSettings(tenantId, current.revision(),
                edit.apply(current.config()), current.apiKeys()));
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
        if (directory.find(tenantId).stream().flatMap(t -> t.apiKeys().stream())
                .noneMatch(k -> k.keyId().equals(keyId))) {
            return Uni.createFrom().failure(ProblemException.notFound("API key"));
        }
        Instant now = clock.instant();
        return change(tenantId, current -> new TenantSettings(tenantId, current.revision(), current.config(),
                current.apiKeys().stream().map(k -> k.keyId().equals(keyId) && k.active()
                        ? new ApiKeyGrant(k.keyId(), k.role(), k.sha256(), k.label(), k.createdAt(), now)
                        : k)
                        .toList()))
                .replaceWithVoid();
    }

    private Uni<TenantSettings> change(String tenantId, UnaryOperator<TenantSettings> edit) {
        TenantSettings seed = directory.find(tenantId).orElse(null);
        if (seed == null) {
            return Uni.createFrom().failure(ProblemException.notFound("Tenant"));
        }
        String traceParent = Tracing.currentTraceparent();
        return pool.withTransaction(connection -> connection.preparedQuery(TenantRows.LOCK).execute(Tuple.of(tenantId))
                .flatMap(rows -> {
                    Row row = rows.size() == 0 ? null : rows.iterator().next();
                    // A tenant only in configuration gets its row with its first change.
                    TenantSettings current = row == null ? seed : settingsOf(row.getString("snapshot"));
                    TenantSettings edited = edit.apply(current);
                    TenantChanged change = TenantChanged.of(tenantId, current.revision() + 1, clock.instant(),
                            edited.config(), edited.apiKeys());
                    return write(connection, row == null ? TenantRows.INSERT : TenantRows.UPDATE, change,
                            traceParent).replaceWith(change);
                }))
                .onFailure(UniqueViolation::in)
                .transform(e -> ProblemException.conflict("The tenant changed at the same time; retry"))
                .map(this::published);
    }

    /**
     * The tenant's row and its snapshot's outbox row, keyed by the tenant id (the topic is compacted on it).
     * {@code statement} is {@link TenantRows#INSERT} or {@link TenantRows#UPDATE}.
     */
    private Uni<Void> write(SqlConnection connection, String statement, TenantChanged change, String traceParent) {
        return connection.preparedQuery(statement).execute(TenantRows.arguments(change))
                .chain(() -> outbox.appendAll(connection,
                        List.of(OutboxRow.tenantSnapshot(Topics.TENANT_EVENTS, change, traceParent))));
    }

    private TenantSettings published(TenantChanged change) {
        directory.apply(change);
        return directory.find(change.tenantId()).orElseThrow();
    }

    private static TenantSettings settingsOf(String json) {
        TenantChanged snapshot = EventCodec.tenantFromJson(json);
        return new TenantSettings(snapshot.tenantId(), snapshot.revision(), snapshot.profile(), snapshot.apiKeys());
    }
}
