package io.orikaeshi.reporting.service;

import io.orikaeshi.kit.problem.ProblemException;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.orikaeshi.kit.tenant.TenantSettings;
import io.orikaeshi.reporting.mapping.CallLogRows;
import io.orikaeshi.reporting.rest.SlaFigures;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** SLA per tenant, period and optionally assignee, over promises of calls received in [from, to] (tenant's days). */
@ApplicationScoped
public class SlaQueries {

    static final int MAX_DAYS = 400;
    private static final String PROMISES = """
            select received_at, callback_assignee, callback_status, callback_due_at, completed_at, overdue_count,
                escalation_count, chase_count
            from call_log where tenant_id = $1 and callback_status <> 'NONE' and received_at >= $2 and received_at < $3""";

    @Inject
    Pool pool;
    @Inject
    TenantDirectory tenants;
    private final Clock clock = Clock.systemUTC();

    public Uni<List<SlaFigures>> sla(String tenantId, Period period, LocalDate from, LocalDate to, boolean byAssignee) {
        TenantSettings tenant = tenants.require(tenantId);
        if (to.isBefore(from) || from.plusDays(MAX_DAYS).isBefore(to)) {
            throw ProblemException.badParameter("to",
                    "must be on or after from, and at most " + MAX_DAYS + " days later");
        }
        var start = from.atStartOfDay(tenant.timeZone()).toOffsetDateTime();
        var end = to.plusDays(1).atStartOfDay(tenant.timeZone()).toOffsetDateTime();
        return pool.preparedQuery(PROMISES).execute(Tuple.of(tenantId, start, end)).map(rows -> {
            List<PromiseOutcome> outcomes = new ArrayList<>();
            rows.forEach(r -> outcomes.add(new PromiseOutcome(CallLogRows.instant(r, "received_at"),
                    r.getString("callback_assignee"), r.getString("callback_status"),
                    CallLogRows.instant(r, "callback_due_at"), CallLogRows.instant(r, "completed_at"),
                    r.getInteger("overdue_count"), r.getInteger("escalation_count"), r.getInteger("chase_count"))));
            return SlaCalculator.figures(outcomes, period, tenant.timeZone(), byAssignee, clock.instant());
        });
    }
}
