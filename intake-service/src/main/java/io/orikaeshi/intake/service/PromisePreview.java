package io.orikaeshi.intake.service;

import io.orikaeshi.kit.tenant.TenantDirectory;
import io.orikaeshi.events.CallbackPromise;
import io.orikaeshi.intake.rest.CallbackRequest;
import io.orikaeshi.kit.problem.Problem.FieldError;
import io.orikaeshi.kit.problem.ProblemException;
import io.orikaeshi.kit.tenant.TenantSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The promise a call would carry, computed by the very rules intake applies when the call is submitted
 * ({@link PromiseRules}), so the operator can read the due time to the caller before recording anything.
 */
@ApplicationScoped
public class PromisePreview {

    @Inject
    TenantDirectory tenants;
    @Inject
    BusinessTime businessTime;

    /** @throws ProblemException 422 naming each field at fault, exactly as the call would be refused */
    public CallbackPromise preview(String tenantId, CallbackRequest request, Instant receivedAt) {
        TenantSettings tenant = tenants.require(tenantId);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant received = receivedAt == null ? now : receivedAt.truncatedTo(ChronoUnit.MICROS);
        List<FieldError> errors = new ArrayList<>();
        CallRules.receivedAt(received, now, errors);
        CallbackPromise promise = PromiseRules.promise(request, received, now, tenant, businessTime, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return promise;
    }

    /** The hearing items of the tenant's plan in force at {@code when}, as intake accepts them. */
    public List<String> hearingItems(TenantSettings tenant, Instant when) {
        return HearingRules.planOn(tenant, when).flatMap(io.orikaeshi.events.tenant.TenantProfile.Plan::hearingItems)
                .orElse(List.of());
    }
}
