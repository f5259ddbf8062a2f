package io.orikaeshi.intake.repository;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The statements of intake's hot path, on the reactive SQL client: the same table {@link CallRecord} maps, written
 * without a Hibernate session because a session per call cost more CPU than everything else a call needs.
 */
public final class CallRows {

    public static final String INSERT_CALL = "insert into received_call (id, tenant_id, received_at, operator_id,"
            + " site, addressee, caller_name_status, caller_name, purpose_status, purpose, callback_number_status,"
            + " callback_number, urgency, notes, callback_status, callback_due_at, callback_assignee, direction,"
            + " purpose_category, hearing_items, promise_kind, not_before, assignee_kind, chase_of, chase_count, version)"
            + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,"
            + " $22, $23, $24, $25, 0)";

    /**
     * For each (tenant, number) of a group, its oldest open promise, locked until commit: the one a call from that
     * number chases. A lateral subquery with its own LIMIT reads, per key, the first entry of the index of open
     * promises by caller (V4); a plain join had been planned once, on an empty table, as a scan of every open promise.
     * Keys are passed sorted, so writers lock in one order.
     */
    public static final String LOCK_OLDEST_OPEN = "select r.id, r.tenant_id, r.callback_number, r.received_at,"
            + " r.chase_count from unnest($1::varchar[], $2::varchar[]) as k (tenant_id, callback_number)"
            + " cross join lateral (select id, tenant_id, callback_number, received_at, chase_count from received_call c"
            + " where c.tenant_id = k.tenant_id and c.callback_number = k.callback_number and c.callback_status = 'OPEN'"
            + " order by c.received_at, c.id limit 1 for update) r";

    /** Counts a chase; bumps the version like any change, so an operator action racing it retries on fresh data. */
    public static final String COUNT_CHASE = "update received_call set chase_count = $2, version = version + 1"
            + " where id = $1";

    /** Inserts a group's keys in one statement; a key already taken (by an earlier request) is left out. */
    public static final String INSERT_IDEMPOTENCY_KEYS = "insert into idempotency_key"
            + " (tenant_id, idem_key, request_hash, call_id, created_at)"
            + " select * from unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::timestamptz[])"
            + " on conflict do nothing returning tenant_id, idem_key";

    /** An open promise found by {@link #LOCK_OLDEST_OPEN}. */
    public record OpenPromise(String id, String tenantId, String callbackNumber, Instant receivedAt, int chaseCount) {

        public static OpenPromise of(Row row) {
            return new OpenPromise(row.getString("id"), row.getString("tenant_id"), row.getString("callback_number"),
                    row.getOffsetDateTime("received_at").toInstant(), row.getInteger("chase_count"));
        }
    }

    private CallRows() {
    }

    public static Tuple insertArguments(CallRecord c) {
        return Tuple.from(new Object[]{c.id, c.tenantId, time(c.receivedAt), c.operatorId, c.site, c.addressee,
                name(c.callerNameStatus), c.callerName, name(c.purposeStatus), c.purpose,
                name(c.callbackNumberStatus), c.callbackNumber, name(c.urgency), c.notes, name(c.callbackStatus),
                time(c.callbackDueAt), c.callbackAssignee, name(c.direction), c.purposeCategory, c.hearingItems,
                name(c.promiseKind), time(c.notBefore), name(c.assigneeKind), c.chaseOf, c.chaseCount});
    }

    public static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
