package io.orikaeshi.reporting.service;

import io.orikaeshi.kit.problem.ProblemException;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.orikaeshi.reporting.mapping.CallLogRows;
import io.orikaeshi.reporting.rest.DeliveryView;
import io.orikaeshi.reporting.rest.MessageLog;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** What became of the messages about a call: each sending, deferral and failure in order, and each message's state. */
@ApplicationScoped
public class DeliveryLogQueries {

    private static final String BY_CALL = """
            select message_id, kind, recipient, outcome, occurred_at, deferred_until, reason, channel
            from delivery_event where tenant_id = $1 and call_id = $2 order by occurred_at, event_id""";
    private static final String MESSAGES = """
            select message_id, kind, channel, recipient, status, status_at, sent_at, deferred_until, reason, viewed_at,
                acknowledged_at, acknowledged_by
            from message_log where tenant_id = $1 and call_id = $2
            order by coalesce(sent_at, status_at, viewed_at, acknowledged_at), message_id""";
    private static final String CALL = "select acknowledged_at, acknowledged_by from call_log"
            + " where tenant_id = $1 and call_id = $2";
    // A call of the tenant is known from its report or any event about it, or from its messages alone (a delivery
    // event may come before the call's); anything else, another tenant's call included, does not exist here.
    private static final String KNOWN = """
            select exists(select 1 from call_log where tenant_id = $1 and call_id = $2)
                or exists(select 1 from delivery_event where tenant_id = $1 and call_id = $2)
                or exists(select 1 from message_log where tenant_id = $1 and call_id = $2) as known""";

    @Inject
    Pool pool;
    @Inject
    TenantDirectory tenants;

    public Uni<List<DeliveryView>> forCall(String tenantId, String callId) {
        return known(tenantId, callId, args -> pool.preparedQuery(BY_CALL).execute(args)).map(rows -> {
            List<DeliveryView> views = new ArrayList<>();
            rows.forEach(r -> views.add(new DeliveryView(r.getString("message_id"), r.getString("kind"),
                    r.getString("recipient"), r.getString("outcome"), CallLogRows.instant(r, "occurred_at"),
                    CallLogRows.instant(r, "deferred_until"), r.getString("reason"), r.getString("channel"))));
            return views;
        });
    }

    public Uni<MessageLog> messages(String tenantId, String callId) {
        String timeZone = tenants.require(tenantId).timeZone().getId();
        return known(tenantId, callId, args -> pool.preparedQuery(MESSAGES).execute(args)).chain(rows -> {
            List<MessageLog.Message> messages = new ArrayList<>();
            rows.forEach(r -> messages.add(message(r)));
            boolean viewed = messages.stream().anyMatch(m -> m.viewedAt() != null);
            return pool.preparedQuery(CALL).execute(Tuple.of(tenantId, callId)).map(call -> {
                Row r = call.size() == 0 ? null : call.iterator().next();
                return new MessageLog(callId, r == null ? null : CallLogRows.instant(r, "acknowledged_at"),
                        r == null ? null : r.getString("acknowledged_by"), viewed, timeZone, messages);
            });
        });
    }

    private Uni<RowSet<Row>> known(String tenantId, String callId, Function<Tuple, Uni<RowSet<Row>>> query) {
        tenants.require(tenantId);
        Tuple args = Tuple.of(tenantId, callId);
        return pool.preparedQuery(KNOWN).execute(args)
                .chain(known -> known.iterator().next().getBoolean("known")
                        ? query.apply(args)
                        : Uni.createFrom().<RowSet<Row>>failure(ProblemException.notFound("Call")));
    }

    private static MessageLog.Message message(Row r) {
        return new MessageLog.Message(r.getString("message_id"), r.getString("kind"), r.getString("channel"),
                r.getString("recipient"), r.getString("status"), CallLogRows.instant(r, "status_at"),
                CallLogRows.instant(r, "sent_at"), CallLogRows.instant(r, "deferred_until"), r.getString("reason"),
                CallLogRows.instant(r, "viewed_at"), CallLogRows.instant(r, "acknowledged_at"),
                r.getString("acknowledged_by"));
    }
}
