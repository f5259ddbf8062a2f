package io.orikaeshi.kit.tenant;

import io.orikaeshi.events.tenant.ApiKeyGrant;
import io.orikaeshi.events.tenant.TenantChanged;
import io.orikaeshi.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tenants this service knows: the configuration's seed tenants, overridden by the newest {@link TenantChanged}
 * snapshot of each (read from the tenant topic by {@link TenantFeed}, and applied at once by intake when it commits
 * one). Applying a snapshot is idempotent and order-proof: an older revision never replaces a newer one.
 */
@ApplicationScoped
public class TenantDirectory {

    private final Map<String, TenantSettings> tenants = new ConcurrentHashMap<>();
    /** API key id → tenant id, so a request's key finds its tenant without scanning. */
    private final Map<String, String> keyOwners = new ConcurrentHashMap<>();

    public TenantDirectory(TenantsConfig config) {
        config.tenants().forEach((id, tenant) -> put(new TenantSettings(id, 0,
                TenantProfiles.fromConfig(tenant), TenantProfiles.keysFromConfig(tenant))));
    }

    public Optional<TenantSettings> find(String tenantId) {
        return Optional.ofNullable(tenantId).map(tenants::get);
    }

    /**
     * The tenant a request names, or 404: an unknown tenant is answered exactly like a missing resource, so tenant
     * ids cannot be probed.
     */
    public TenantSettings require(String tenantId) {
        return find(tenantId).orElseThrow(() -> ProblemException.notFound("Tenant"));
    }

    public Collection<TenantSettings> all() {
        return tenants.values();
    }

    /** The tenant owning the key id, and the key; empty for an unknown id. */
    public Optional<KeyHolder> findKey(String keyId) {
        return Optional.ofNullable(keyId).map(keyOwners::get).map(tenants::get)
                .flatMap(tenant -> tenant.apiKeys().stream().filter(k -> k.keyId().equals(keyId)).findFirst()
                        .map(key -> new KeyHolder(tenant, key)));
    }

    /** @return whether the snapshot was newer than what the directory held */
    public boolean apply(TenantChanged change) {
        TenantSettings next = new TenantSettings(change.tenantId(), change.revision(), change.profile(),
                change.apiKeys());
        boolean[] applied = {false};
        tenants.compute(change.tenantId(), (id, current) -> {
            if (current != null && current.revision() >= next.revision()) {
                return current;
            }
            applied[0] = true;
            return next;
        });
        if (applied[0]) {
            next.apiKeys().forEach(key -> keyOwners.putIfAbsent(key.keyId(), next.id()));
        }
        return applied[0];
    }

    private void put(TenantSettings tenant) {
        tenants.put(tenant.id(), tenant);
        tenant.apiKeys().forEach(key -> keyOwners.putIfAbsent(key.keyId(), tenant.id()));
    }

    public record KeyHolder(TenantSettings tenant, ApiKeyGrant key) {
    }
}
