package io.orikaeshi.intake.service;

import io.orikaeshi.kit.problem.ProblemException;
import io.orikaeshi.kit.tenant.TenantSettings;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;

/** TEMPORARY until the shared business calendar lands. */
@ApplicationScoped
public class CalendarBusinessTime implements BusinessTime {

    @Override
    public Instant nextBusinessDayDue(TenantSettings tenant, Instant from) {
        throw ProblemException.invalid("callback.kind", "NEXT_BUSINESS_DAY is not available yet");
    }

    @Override
    public Instant addBusinessTime(TenantSettings tenant, Instant from, Duration amount) {
        throw ProblemException.invalid("callback.kind", "TENANT_DEFAULT is not available yet");
    }
}
