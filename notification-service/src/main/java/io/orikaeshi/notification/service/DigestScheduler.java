package io.orikaeshi.notification.service;

import io.orikaeshi.kit.tenant.TenantDirectory;
import io.orikaeshi.kit.tenant.TenantSettings;
import io.orikaeshi.kit.tenant.TenantsConfig;
import io.orikaeshi.kit.work.BackgroundWorker;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

/**
 * Sends each digest tenant's digest once its time has come today. It checks the ledger, not a timer, so a digest
 * whose time passed while the service was down goes out at the next start.
 */
@Singleton
public class DigestScheduler extends BackgroundWorker {

    private final DigestService digests;
    private final List<TenantSettings> digestTenants;
    private final DispatchConfig config;

    public DigestScheduler(DigestService digests, TenantsConfig tenantsConfig, TenantDirectory tenants,
            DispatchConfig config) {
        super("mail-digest", config.retryPause());
        this.digests = digests;
        this.config = config;
        this.digestTenants = tenantsConfig.tenants().keySet().stream()
                .map(tenants::find).flatMap(Optional::stream)
                .filter(t -> t.config().notifications().digestAt().isPresent())
                .toList();
    }

    @Override
    protected Uni<Round> round() {
        Instant now = Instant.now();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (TenantSettings tenant : digestTenants) {
            LocalTime at = tenant.config().notifications().digestAt().orElseThrow();
            Instant due = DigestService.scheduledOn(tenant, at, now);
            if (!due.isAfter(now)) {
                chain = chain.chain(() -> digests.exists(tenant.id(), due)
                        .flatMap(done -> done
                                ? Uni.createFrom().voidItem()
                                : digests.send(tenant, due).replaceWithVoid()));
            }
        }
        return chain.replaceWith(Round.idle(config.digestCheckInterval()));
    }
}
