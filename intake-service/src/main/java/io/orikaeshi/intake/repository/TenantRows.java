package io.orikaeshi.intake.repository;

import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.tenant.TenantChanged;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Intake's mapping of the {@code tenant} table, for the reactive SQL client. A row holds the tenant's latest
 * TenantChanged exactly as published (with the hashes of its API keys), so it is written and read back whole.
 */
public final class TenantRows {

    public static final String SELECT_ALL = "select snapshot from tenant";

    /** A tenant's row, locked until commit: changes to one tenant take turns and each gets the next revision. */
    public static final String LOCK = "select snapshot from tenant where id = $1 for update";

    public static final String INSERT = "insert into tenant (id, revision, snapshot, updated_at)"
            + " values ($1, $2, $3, $4)";

    public static final String UPDATE = "update tenant set revision = $2, snapshot = $3, updated_at = $4 where id = $1";

    private TenantRows() {
    }

    /** For {@link #INSERT} and {@link #UPDATE}. */
    public static Tuple arguments(TenantChanged change) {
        return Tuple.of(change.tenantId(), change.revision(), EventCodec.toJson(change),
                CallRows.time(change.occurredAt()));
    }
}
