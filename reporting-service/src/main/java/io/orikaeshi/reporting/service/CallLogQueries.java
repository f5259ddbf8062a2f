package io.orikaeshi.reporting.service;

import io.orikaeshi.kit.problem.Problem;
import io.orikaeshi.kit.problem.ProblemException;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.orikaeshi.reporting.repository.CallLogEntry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Every query is scoped to one tenant; a tenant we do not know is answered like a missing resource. */
@ApplicationScoped
public class CallLogQueries {

    public static final Set<String> CALLBACK_STATUSES = Set.of("OPEN", "OVERDUE", "COMPLETED");

    private final TenantDirectory tenants;

    public CallLogQueries(TenantDirectory tenants) {
        this.tenants = tenants;
    }

    public Uni<List<CallLogEntry>> calls(String tenantId, int limit) {
        requireTenant(tenantId);
        return Panache.withSession(() -> CallLogEntry.<CallLogEntry>find(
                "tenantId = ?1 and receivedAt is not null order by receivedAt desc", tenantId).page(0, limit).list());
    }

    /** @param status null for every promised callback */
    public Uni<List<CallLogEntry>> callbacks(String tenantId, String status, int limit) {
        requireTenant(tenantId);
        if (status == null) {
            return Panache.withSession(() -> CallLogEntry.<CallLogEntry>find(
                    "tenantId = ?1 and callbackStatus <> 'NONE' order by callbackDueAt", tenantId).page(0, limit).list());
        }
        String wanted = status.toUpperCase(Locale.ROOT);
        if (!CALLBACK_STATUSES.contains(wanted)) {
            throw new ProblemException(400, "Invalid query parameter", "status must be one of open, overdue, completed",
                    List.of(new Problem.FieldError("status", "must be one of open, overdue, completed")));
        }
        return Panache.withSession(() -> CallLogEntry.<CallLogEntry>find(
                "tenantId = ?1 and callbackStatus = ?2 order by callbackDueAt", tenantId, wanted).page(0, limit).list());
    }

    private void requireTenant(String tenantId) {
        if (tenants.find(tenantId).isEmpty()) {
            throw ProblemException.notFound("Tenant");
        }
    }
}
