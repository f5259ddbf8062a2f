package io.orikaeshi.reporting.service;

import io.orikaeshi.kit.problem.ProblemException;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.orikaeshi.kit.tenant.TenantSettings;
import io.orikaeshi.reporting.rest.Bill;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Monthly bill: calls counted per day of the tenant's calendar, priced by {@link BillingCalculator}. */
@ApplicationScoped
public class BillingQueries {

    private static final String CALLS_PER_DAY = """
            select (received_at at time zone $2)::date as day, count(*) as calls from call_log
            where tenant_id = $1 and received_at >= $3 and received_at < $4 group by day""";

    @Inject
    Pool pool;
    @Inject
    TenantDirectory tenants;

    public Uni<Bill> month(String tenantId, String month) {
        TenantSettings tenant = tenants.require(tenantId);
        YearMonth period = parse(month);
        var start = period.atDay(1).atStartOfDay(tenant.timeZone()).toOffsetDateTime();
        var end = period.plusMonths(1).atDay(1).atStartOfDay(tenant.timeZone()).toOffsetDateTime();
        return pool.preparedQuery(CALLS_PER_DAY)
                .execute(Tuple.of(tenantId, tenant.timeZone().getId(), start, end))
                .map(rows -> {
                    Map<LocalDate, Long> perDay = new HashMap<>();
                    rows.forEach(r -> perDay.put(r.getLocalDate("day"), r.getLong("calls")));
                    return BillingCalculator.bill(tenantId, period, tenant.config().plans().orElse(List.of()), perDay);
                });
    }

    private static YearMonth parse(String month) {
        try {
            return YearMonth.parse(month);
        } catch (DateTimeParseException | NullPointerException e) {
            throw ProblemException.badParameter("month", "must be a month as yyyy-MM");
        }
    }
}
