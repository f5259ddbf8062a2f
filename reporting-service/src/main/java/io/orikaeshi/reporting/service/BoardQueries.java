package io.orikaeshi.reporting.service;

import io.orikaeshi.kit.tenant.TenantDirectory;
import io.orikaeshi.kit.tenant.TenantSettings;
import io.orikaeshi.reporting.mapping.CallLogRows;
import io.orikaeshi.reporting.rest.BoardItem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The open callbacks board: every promise still open, the urgent ones first, then the earliest due. */
@ApplicationScoped
public class BoardQueries {

    private static final String OPEN = "select " + CallLogRows.COLUMNS + ", " + CallLogRows.RECEIPTS + """
             from call_log where tenant_id = $1 and callback_status = 'OPEN'
            order by (urgency = 'URGENT') desc nulls last, callback_due_at nulls last, call_id limit $2""";

    @Inject
    Pool pool;
    @Inject
    TenantDirectory tenants;
    private final Clock clock = Clock.systemUTC();

    public Uni<List<BoardItem>> open(String tenantId, int limit) {
        TenantSettings tenant = tenants.require(tenantId);
        return pool.preparedQuery(OPEN).execute(Tuple.of(tenantId, limit)).map(rows -> {
            Instant now = clock.instant();
            List<BoardItem> items = new ArrayList<>();
            rows.forEach(r -> items.add(CallLogRows.boardItem(r, now, tenant)));
            return items;
        });
    }
}
