package io.orikaeshi.notification.service;

import io.orikaeshi.kit.tenant.TenantDirectory;
import io.orikaeshi.kit.tenant.TenantSettings;
import io.orikaeshi.kit.work.BackgroundWorker;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalTime;

/**
 * Sends each digest tenant's digest once its time has come today. It checks the ledger, not a timer, so a digest
 * whose time passed while the service was down goes out at the next start.
 */
@Singleton
public class DigestScheduler extends BackgroundWorker {

    @Inject
    DigestService digests;
    @Inject
    TenantDirectory tenants;
    @Inject
    DispatchConfig config;

    DigestScheduler() {
        super("mail-digest");
    }

    @Override
    protected Uni<Round> round() {
        Instant now = Instant.now();
        Uni<Void> chain = Uni.createFrom().voidItem();
        // Read each round: a tenant switched to (or from) digests through the admin API follows at once.
        for (TenantSettings tenant : tenants.all()) {
            if (tenant.config().notifications().digestAt().isEmpty()) {
                continue;
            }
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
