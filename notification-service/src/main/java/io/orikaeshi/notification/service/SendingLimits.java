package io.orikaeshi.notification.service;

import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.orikaeshi.notification.repository.MailMessage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

import static io.orikaeshi.kit.sql.SqlValues.instant;

/**
 * The per-tenant sending limit (flood protection): at most {@code sending-limit} messages, of every channel, per
 * {@code sending-window} for one tenant, counted from the ledger so every instance sees the same count. What is over the limit waits
 * until the oldest send of the window has left it.
 */
@ApplicationScoped
public class SendingLimits {

    /** Mail of a batch that may go now, and mail that must wait (with when it may go). */
    public record Split(List<MailMessage> allowed, Map<MailMessage, Instant> deferred) {
    }

    /**
     * The window's sends, oldest first, but no more than the limit: past it the tenant has no room whatever the
     * exact count, and the oldest send (when room comes back) is the first row either way. Unbounded, every claim
     * counted the whole window (15,000 rows at 250 mails/s and a one-minute window).
     */
    private static final String RECENT = "select count(*), min(sent_at) from (select sent_at from mail_message "
            + "where tenant_id = ?1 and status = 'SENT' and sent_at > ?2 order by sent_at limit ?3) recent";
    /** Timestamps are stored in microseconds: step past the boundary so the oldest send has surely left. */
    private static final Duration MARGIN = Duration.ofMillis(1);

    @Inject
    TenantDirectory tenants;

    /** @param inFlight per tenant, mail being sent and not yet in the ledger as sent: it counts against the limit */
    public Uni<Split> split(List<MailMessage> batch, ToIntFunction<String> inFlight) {
        Map<String, List<MailMessage>> byTenant = new LinkedHashMap<>();
        batch.forEach(m -> byTenant.computeIfAbsent(m.tenantId, t -> new ArrayList<>()).add(m));
        Split split = new Split(new ArrayList<>(), new LinkedHashMap<>());
        Instant now = Instant.now();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, List<MailMessage>> tenant : byTenant.entrySet()) {
            chain = chain
                    .chain(() -> splitTenant(tenant.getKey(), tenant.getValue(), inFlight.applyAsInt(tenant.getKey()),
                            now, split));
        }
        return chain.replaceWith(split);
    }

    private Uni<Void> splitTenant(String tenantId, List<MailMessage> mails, int inFlight, Instant now, Split split) {
        TenantProfile.Notifications settings = tenants.find(tenantId)
                .map(t -> t.config().notifications()).orElse(null);
        if (settings == null) {
            split.allowed().addAll(mails);
            return Uni.createFrom().voidItem();
        }
        Duration window = settings.sendingWindow();
        return Panache.getSession().flatMap(session -> session.createNativeQuery(RECENT, Object[].class)
                .setParameter(1, tenantId)
                .setParameter(2, now.minus(window))
                .setParameter(3, settings.sendingLimit())
                .getSingleResult()).invoke(row -> {
                    long recent = ((Number) row[0]).longValue() + inFlight;
                    Instant oldest = row[1] == null ? now : instant(row[1]);
                    long room = Math.max(0, settings.sendingLimit() - recent);
                    for (int i = 0; i < mails.size(); i++) {
                        if (i < room) {
                            split.allowed().add(mails.get(i));
                        } else {
                            split.deferred().put(mails.get(i), oldest.plus(window).plus(MARGIN));
                        }
                    }
                }).replaceWithVoid();
    }
}
