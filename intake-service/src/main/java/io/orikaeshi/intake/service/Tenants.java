package io.orikaeshi.intake.service;

import io.orikaeshi.kit.problem.ProblemException;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.orikaeshi.kit.tenant.TenantSettings;
import jakarta.enterprise.context.ApplicationScoped;

/** The tenant a request names, or 404: an unknown tenant looks exactly like a missing resource. */
@ApplicationScoped
public class Tenants {

    private final TenantDirectory directory;

    public Tenants(TenantDirectory directory) {
        this.directory = directory;
    }

    public TenantSettings require(String tenantId) {
        return directory.find(tenantId).orElseThrow(() -> ProblemException.notFound("Tenant"));
    }
}
