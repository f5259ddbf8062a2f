package io.orikaeshi.scheduler.service;

import io.orikaeshi.events.CallbackPromise;
import io.orikaeshi.events.PromiseKind;
import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.kit.calendar.BusinessCalendar;
import io.orikaeshi.kit.calendar.TenantCalendars;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.orikaeshi.kit.tenant.TenantSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each tenant's {@link PromisePolicy}, built once per revision of the tenant (the calendar comes from
 * {@link TenantCalendars}, likewise): a change made
 * through the admin API applies to the next promise without a restart.
 */
@ApplicationScoped
public class PromisePolicies {

    @Inject
    TenantDirectory tenants;
    @Inject
    SchedulerConfig config;
    private final Map<String, PromisePolicy> policies = new ConcurrentHashMap<>();
    @Inject
    TenantCalendars calendars;

    public PromisePolicy of(String tenantId) {
        return tenants.find(tenantId)
                .map(tenant -> policies.computeIfAbsent(cacheKey(tenant), id -> policy(tenant.config())))
                .orElseGet(PromisePolicy::overdueOnly);
    }

    /**
     * The due time of a promise. An explicit time is kept literally; intake computes "next business day" and the
     * tenant default, but should a promise arrive without a time, it is computed here with the same calendar
     * rather than dropped. Empty when it cannot be computed (unknown tenant, no default promise configured).
     */
    public Optional<Instant> dueAt(String tenantId, CallbackPromise promise, Instant promisedAt) {
        if (promise.dueAt() != null) {
            return Optional.of(promise.dueAt());
        }
        Optional<TenantSettings> tenant = tenants.find(tenantId);
        if (tenant.isEmpty()) {
            return Optional.empty();
        }
        BusinessCalendar calendar = calendars.of(tenant.get());
        if (promise.kind() == PromiseKind.NEXT_BUSINESS_DAY) {
            return Optional.of(calendar.nextBusinessDayDue(promisedAt,
                    tenant.get().config().promises().nextBusinessDayDueAfterOpening()));
        }
        return tenant.get().config().promises().defaultPromise()
                .map(promiseTime -> calendar.addBusinessTime(promisedAt, promiseTime));
    }

    private static String cacheKey(TenantSettings tenant) {
        return tenant.id() + "@" + tenant.revision();
    }

    private PromisePolicy policy(TenantProfile tenant) {
        TenantProfile.Promises promises = tenant.promises();
        List<PromisePolicy.Escalation> chain = promises.escalation().orElse(List.of()).stream()
                .map(level -> new PromisePolicy.Escalation(level.after(), level.target()))
                .toList();
        double share = promises.maxWarningShare().orElse(config.maxWarningShare());
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("max-warning-share must be between 0 and 1, not " + share);
        }
        return new PromisePolicy(promises.warningLead(), share, chain, promises.pool(),
                promises.poolFallbackAfter(),
                tenant.notifications() == null ? Optional.empty() : tenant.notifications().repeatAfter());
    }
}
