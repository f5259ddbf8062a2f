package io.orikaeshi.intake.service;

import io.orikaeshi.kit.tenant.TenantSettings;

import java.time.Duration;
import java.time.Instant;

/** The tenant's business calendar, as promises need it. */
public interface BusinessTime {

    /** "Next business day (morning)": the due time within the next business day after {@code from}. */
    Instant nextBusinessDayDue(TenantSettings tenant, Instant from);

    /** {@code from} plus {@code amount} counted only while the tenant is open. */
    Instant addBusinessTime(TenantSettings tenant, Instant from, Duration amount);
}
