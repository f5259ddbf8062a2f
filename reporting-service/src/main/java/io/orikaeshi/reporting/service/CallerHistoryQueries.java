package io.orikaeshi.reporting.service;

import io.orikaeshi.kit.problem.ProblemException;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.orikaeshi.reporting.mapping.CallLogRows;
import io.orikaeshi.reporting.rest.CallerHistory;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.regex.Pattern;

/**
 * The caller's history while the phone rings. Three small statements on the (tenant_id, callback_number,
 * received_at) index, run concurrently on the pool: a few milliseconds however long the tenant's history is.
 */
@ApplicationScoped
public class CallerHistoryQueries {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final String RECENT = "select " + CallLogRows.COLUMNS
            + " from call_log where tenant_id = $1 and callback_number = $2 order by received_at desc nulls last limit 20";
    private static final String OPEN = "select " + CallLogRows.COLUMNS
            + " from call_log where tenant_id = $1 and callback_number = $2 and callback_status = 'OPEN'"
            + " order by callback_due_at nulls last";
    private static final String TOTALS = "select count(*) as calls, coalesce(sum(chase_count), 0) as chases"
            + " from call_log where tenant_id = $1 and callback_number = $2";

    @Inject
    Pool pool;
    @Inject
    TenantDirectory tenants;

    /** @param number E.164, as intake stores it */
    public Uni<CallerHistory> history(String tenantId, String number) {
        tenants.require(tenantId);
        if (number == null || !E164.matcher(number).matches()) {
            throw ProblemException.badParameter("number", "must be in E.164, e.g. +81312345678");
        }
        Tuple args = Tuple.of(tenantId, number);
        return Uni.combine().all().unis(
                pool.preparedQuery(RECENT).execute(args).map(CallLogQueries::views),
                pool.preparedQuery(OPEN).execute(args).map(CallLogQueries::views),
                pool.preparedQuery(TOTALS).execute(args).map(rows -> rows.iterator().next()))
                .asTuple()
                .map(t -> {
                    Row totals = t.getItem3();
                    return new CallerHistory(number, totals.getLong("calls"), totals.getLong("chases"),
                            t.getItem1(), t.getItem2());
                });
    }
}
