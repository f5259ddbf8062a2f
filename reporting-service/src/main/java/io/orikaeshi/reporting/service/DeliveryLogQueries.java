package io.orikaeshi.reporting.service;

import io.orikaeshi.kit.problem.ProblemException;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.orikaeshi.reporting.mapping.CallLogRows;
import io.orikaeshi.reporting.rest.DeliveryView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** Which emails about a call were sent, deferred or failed, in the order it happened. */
@ApplicationScoped
public class DeliveryLogQueries {

    private static final String BY_CALL = """
            select message_id, kind, recipient, outcome, occurred_at, deferred_until, reason from delivery_event
            where tenant_id = $1 and call_id = $2 order by occurred_at, event_id""";
    // A call of the tenant is known from its report or any event about it, or from its emails alone (a delivery
    // event may come before the call's); anything else, another tenant's call included, does not exist here.
    private static final String KNOWN = """
            select exists(select 1 from call_log where tenant_id = $1 and call_id = $2)
                or exists(select 1 from delivery_event where tenant_id = $1 and call_id = $2) as known""";

    private final Pool pool;
    private final TenantDirectory tenants;

    public DeliveryLogQueries(Pool pool, TenantDirectory tenants) {
        this.pool = pool;
        this.tenants = tenants;
    }

    public Uni<List<DeliveryView>> forCall(String tenantId, String callId) {
        tenants.require(tenantId);
        Tuple args = Tuple.of(tenantId, callId);
        return pool.preparedQuery(KNOWN).execute(args)
                .chain(known -> known.iterator().next().getBoolean("known")
                        ? pool.preparedQuery(BY_CALL).execute(args)
                        : Uni.createFrom().<RowSet<Row>>failure(ProblemException.notFound("Call")))
                .map(rows -> {
                    List<DeliveryView> views = new ArrayList<>();
                    rows.forEach(r -> views.add(new DeliveryView(r.getString("message_id"), r.getString("kind"),
                            r.getString("recipient"), r.getString("outcome"), CallLogRows.instant(r, "occurred_at"),
                            CallLogRows.instant(r, "deferred_until"), r.getString("reason"))));
                    return views;
                });
    }
}
