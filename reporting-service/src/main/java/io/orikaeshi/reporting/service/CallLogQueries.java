package io.orikaeshi.reporting.service;

import io.orikaeshi.kit.problem.ProblemException;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.orikaeshi.reporting.mapping.CallCursor;
import io.orikaeshi.reporting.mapping.CallLogRows;
import io.orikaeshi.reporting.rest.CallLogView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Call log and callback lists. Every statement starts with tenant_id = $1: nothing is read across tenants. */
@ApplicationScoped
public class CallLogQueries {

    public static final Set<String> CALLBACK_STATUSES = Set.of("OPEN", "OVERDUE", "COMPLETED", "CANCELLED");
    private static final Set<String> CAPTURE_STATUSES = Set.of("PROVIDED", "DECLINED", "HUNG_UP", "NOT_NEEDED");
    private static final Set<String> URGENCIES = Set.of("NORMAL", "URGENT");
    private static final String OVERDUE_NOW = "callback_status = 'OPEN' and (overdue_due_at >= callback_due_at "
            + "or (callback_due_at is null and overdue_due_at is not null))";

    @Inject
    Pool pool;
    @Inject
    TenantDirectory tenants;

    /** One page, newest first, plus the cursor of the next page when there is one. */
    public Uni<Page> calls(String tenantId, CallFilter filter, int limit) {
        tenants.require(tenantId);
        List<Object> args = new ArrayList<>(List.of(tenantId));
        StringBuilder where = new StringBuilder("tenant_id = $1 and received_at is not null");
        if (filter.from() != null) {
            where.append(" and received_at >= ").append(arg(args, utc(filter.from())));
        }
        if (filter.to() != null) {
            where.append(" and received_at < ").append(arg(args, utc(filter.to())));
        }
        if (filter.addressee() != null) {
            where.append(" and addressee = ").append(arg(args, filter.addressee()));
        }
        if (filter.purpose() != null) {
            where.append(" and purpose ilike ").append(arg(args, "%" + likeEscaped(filter.purpose()) + "%"));
        }
        if (filter.callerNumber() != null) {
            where.append(" and callback_number = ").append(arg(args, filter.callerNumber()));
        }
        if (filter.captureStatus() != null) {
            String status = oneOf("captureStatus", filter.captureStatus(), CAPTURE_STATUSES);
            String p = arg(args, status);
            where.append(" and (caller_name_status = ").append(p).append(" or purpose_status = ").append(p)
                    .append(" or callback_number_status = ").append(p).append(')');
        }
        if (filter.urgency() != null) {
            where.append(" and urgency = ").append(arg(args, oneOf("urgency", filter.urgency(), URGENCIES)));
        }
        if (filter.after() != null) {
            where.append(" and (received_at, call_id) < (").append(arg(args, utc(filter.after().receivedAt())))
                    .append(", ").append(arg(args, filter.after().callId())).append(')');
        }
        // One row more than asked tells whether a next page exists without a count.
        String sql = "select " + CallLogRows.COLUMNS + " from call_log where " + where
                + " order by received_at desc, call_id desc limit " + (limit + 1);
        return pool.preparedQuery(sql).execute(Tuple.from(args)).map(rows -> {
            List<Row> all = new ArrayList<>();
            rows.forEach(all::add);
            boolean more = all.size() > limit;
            List<Row> page = more ? all.subList(0, limit) : all;
            Row last = page.isEmpty() ? null : page.get(page.size() - 1);
            CallCursor next = more
                    ? new CallCursor(CallLogRows.instant(last, "received_at"), last.getString("call_id"))
                    : null;
            return new Page(page.stream().map(CallLogRows::view).toList(), next);
        });
    }

    /** @param status null for every promised callback */
    public Uni<List<CallLogView>> callbacks(String tenantId, String status, int limit) {
        tenants.require(tenantId);
        String condition;
        if (status == null) {
            condition = "callback_status <> 'NONE'";
        } else {
            String wanted = status.toUpperCase(Locale.ROOT);
            if (!CALLBACK_STATUSES.contains(wanted)) {
                throw ProblemException.badParameter("status", "must be one of open, overdue, completed, cancelled");
            }
            condition = switch (wanted) {
                case "OVERDUE" -> OVERDUE_NOW;
                case "OPEN" -> "callback_status = 'OPEN' and not (" + OVERDUE_NOW + ")";
                default -> "callback_status = '" + wanted + "'";
            };
        }
        String sql = "select " + CallLogRows.COLUMNS + " from call_log where tenant_id = $1 and " + condition
                + " order by callback_due_at nulls last, call_id limit $2";
        return pool.preparedQuery(sql).execute(Tuple.of(tenantId, limit)).map(CallLogQueries::views);
    }

    static List<CallLogView> views(Iterable<Row> rows) {
        List<CallLogView> views = new ArrayList<>();
        rows.forEach(r -> views.add(CallLogRows.view(r)));
        return views;
    }

    private static String arg(List<Object> args, Object value) {
        args.add(value);
        return "$" + args.size();
    }

    private static String oneOf(String parameter, String value, Set<String> allowed) {
        String wanted = value.toUpperCase(Locale.ROOT);
        if (!allowed.contains(wanted)) {
            throw ProblemException.badParameter(parameter, "must be one of " + String.join(", ", allowed));
        }
        return wanted;
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static OffsetDateTime utc(java.time.Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public record Page(List<CallLogView> items, CallCursor next) {
    }
}
