package io.orikaeshi.events.tenant;

import java.time.Instant;
import java.util.List;

/**
 * The whole state of a tenant after a change (a snapshot, not a delta): the tenant topic is compacted by tenant id,
 * and any consumer, however late, rebuilds its tenant directory from the latest snapshot of each tenant.
 * {@code revision} grows by one per change; consumers ignore a snapshot older than the one they hold.
 */
public record TenantChanged(String eventId, int version, String tenantId, long revision, Instant occurredAt,
        TenantProfile profile, List<ApiKeyGrant> apiKeys) {

    public static final int SCHEMA_VERSION = 1;

    public static TenantChanged of(String tenantId, long revision, Instant occurredAt, TenantProfile profile,
            List<ApiKeyGrant> apiKeys) {
        return new TenantChanged(tenantId + ":" + revision, SCHEMA_VERSION, tenantId, revision, occurredAt, profile,
                List.copyOf(apiKeys));
    }
}
