package io.orikaeshi.reporting.service;

import io.orikaeshi.kit.problem.ProblemException;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.orikaeshi.kit.tenant.TenantSettings;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every query starts here. A tenant we do not know is answered like a missing resource, so ids cannot be probed;
 * when API keys arrive, checking that the caller may see this tenant is one more line here.
 */
@ApplicationScoped
public class TenantGuard {

    private final TenantDirectory tenants;

    public TenantGuard(TenantDirectory tenants) {
        this.tenants = tenants;
    }

    public TenantSettings require(String tenantId) {
        return tenants.find(tenantId).orElseThrow(() -> ProblemException.notFound("Tenant"));
    }
}
