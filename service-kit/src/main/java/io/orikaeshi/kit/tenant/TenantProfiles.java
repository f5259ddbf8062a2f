package io.orikaeshi.kit.tenant;

import io.orikaeshi.events.tenant.ApiKeyGrant;
import io.orikaeshi.events.tenant.TenantProfile;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Reads the configuration's seed tenants into the same shape the admin API publishes. */
public final class TenantProfiles {

    private TenantProfiles() {
    }

    public static TenantProfile fromConfig(TenantsConfig.Tenant t) {
        TenantsConfig.Promises p = t.promises();
        return new TenantProfile(t.name(), t.publicLabel(), t.locale(), t.timeZone(), t.phoneRegion(),
                t.reportRecipients(),
                new TenantProfile.Calendar(t.calendar().openingHours(), t.calendar().holidays(),
                        t.calendar().companyHolidays()),
                new TenantProfile.Promises(p.warningLead(), p.defaultPromise(), p.pool(), p.poolFallbackAfter(),
                        p.escalation().map(levels -> levels.stream()
                                .map(l -> new TenantProfile.EscalationLevel(l.after(), l.target())).toList()),
                        p.maxWarningShare(), p.nextBusinessDayWithin()),
                t.plans().map(plans -> plans.stream()
                        .map(plan -> new TenantProfile.Plan(plan.effectiveFrom(), plan.unitPrice(), plan.hearingPrice(),
                                plan.hearingItems()))
                        .toList()),
                notifications(t.notifications()));
    }

    private static TenantProfile.Notifications notifications(TenantsConfig.Notifications n) {
        return new TenantProfile.Notifications(
                n.routes().map(routes -> routes.stream()
                        .map(r -> new TenantProfile.Route(r.addressee(), r.purposeCategory(),
                                List.copyOf(r.recipients())))
                        .toList()),
                n.quietHours(), n.digestAt(), n.sendingLimit(), n.sendingWindow());
    }

    public static List<ApiKeyGrant> keysFromConfig(TenantsConfig.Tenant t) {
        return t.apiKeys().orElse(List.of()).stream()
                .map(k -> new ApiKeyGrant(k.id(), ApiKeyGrant.Role.valueOf(k.role().toUpperCase(Locale.ROOT)),
                        k.sha256().toLowerCase(Locale.ROOT), k.label(), Instant.EPOCH, null))
                .toList();
    }
}
