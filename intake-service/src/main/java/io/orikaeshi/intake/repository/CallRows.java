package io.orikaeshi.intake.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.orikaeshi.events.AssigneeKind;
import io.orikaeshi.events.CallDetails;
import io.orikaeshi.events.CallbackAttempted;
import io.orikaeshi.events.CallbackPromise;
import io.orikaeshi.events.HearingAnswer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Intake's only mapping of the {@code received_call} table, for the reactive SQL client: the columns a call is
 * written to and read back from, and the statements of the call's own tables ({@code idempotency_key},
 * {@code callback_attempt}). A call is written from the {@link CallDetails} its CallReceived event carries, and read
 * back as a {@link StoredCall}.
 */
public final class CallRows {

    public static final String INSERT_CALL = "insert into received_call (id, tenant_id, received_at, operator_id,"
            + " site, addressee, caller_name_status, caller_name, purpose_status, purpose, callback_number_status,"
            + " callback_number, urgency, notes, callback_status, callback_due_at, callback_assignee, direction,"
            + " purpose_category, hearing_items, promise_kind, not_before, assignee_kind, chase_of, chase_count, version)"
            + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,"
            + " $22, $23, $24, $25, 0)";

    /** What {@link #of(Row)} reads, on the alias {@code c}. */
    private static final String CALL_COLUMNS = "c.id, c.tenant_id, c.received_at, c.callback_status,"
            + " c.callback_due_at, c.callback_assignee, c.assignee_kind, c.callback_completed_at, c.acknowledged_at,"
            + " c.cancelled_at, c.chase_of, c.chase_count";

    /** Tenant-scoped: another tenant's call id is simply not found. */
    public static final String FIND_CALL = "select " + CALL_COLUMNS + " from received_call c"
            + " where c.id = $1 and c.tenant_id = $2";

    /** {@link #FIND_CALL}, locked until commit: operator actions on one callback take turns. */
    public static final String LOCK_CALL = FIND_CALL + " for update";

    /** The call an earlier request with the same Idempotency-Key created, with that request's hash. */
    public static final String FIND_BY_IDEMPOTENCY_KEY = "select k.request_hash, " + CALL_COLUMNS
            + " from idempotency_key k join received_call c on c.id = k.call_id"
            + " where k.tenant_id = $1 and k.idem_key = $2";

    /** The callback's state after an operator action; bumps the version like any change. */
    public static final String UPDATE_CALLBACK = "update received_call set callback_status = $2,"
            + " callback_due_at = $3, callback_assignee = $4, assignee_kind = $5, callback_completed_at = $6,"
            + " acknowledged_at = $7, cancelled_at = $8, version = version + 1 where id = $1";

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

    /** Counts a chase; bumps the version like any change. */
    public static final String COUNT_CHASE = "update received_call set chase_count = $2, version = version + 1"
            + " where id = $1";

    /** Inserts a group's keys in one statement; a key already taken (by an earlier request) is left out. */
    public static final String INSERT_IDEMPOTENCY_KEYS = "insert into idempotency_key"
            + " (tenant_id, idem_key, request_hash, call_id, created_at)"
            + " select * from unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::timestamptz[])"
            + " on conflict do nothing returning tenant_id, idem_key";

    public static final String INSERT_ATTEMPT = "insert into callback_attempt"
            + " (call_id, outcome, next_attempt_at, attempted_by, attempted_at) values ($1, $2, $3, $4, $5)";

    /** The hearing answers are stored as the event's JSON list: they are only ever read back whole. */
    private static final ObjectWriter HEARING = new ObjectMapper().writerFor(new TypeReference<List<HearingAnswer>>() {
    });

    /** An open promise found by {@link #LOCK_OLDEST_OPEN}. */
    public record OpenPromise(String id, String tenantId, String callbackNumber, Instant receivedAt, int chaseCount) {

        public static OpenPromise of(Row row) {
            return new OpenPromise(row.getString("id"), row.getString("tenant_id"), row.getString("callback_number"),
                    row.getOffsetDateTime("received_at").toInstant(), row.getInteger("chase_count"));
        }
    }

    private CallRows() {
    }

    /** A call about to be written, as it will read back. */
    public static StoredCall stored(String id, String tenantId, CallDetails call, int chaseCount) {
        CallbackPromise promise = call.callback();
        return promise == null
                ? new StoredCall(id, tenantId, call.receivedAt(), CallbackStatus.NONE, null, null, null, null, null,
                        null, call.chaseOf(), chaseCount)
                : new StoredCall(id, tenantId, call.receivedAt(), CallbackStatus.OPEN, promise.dueAt(),
                        promise.assignee(), promise.assigneeKind(), null, null, null, call.chaseOf(), chaseCount);
    }

    /** For {@link #INSERT_CALL}: {@code stored} is {@link #stored} of {@code call}. */
    public static Tuple insertArguments(StoredCall stored, CallDetails call) {
        CallbackPromise promise = call.callback();
        return Tuple.from(new Object[]{stored.id(), stored.tenantId(), time(stored.receivedAt()), call.operatorId(),
                call.site(), call.addressee(), name(call.callerName().status()), call.callerName().value(),
                name(call.purpose().status()), call.purpose().value(), name(call.callbackNumber().status()),
                call.callbackNumber().value(), name(call.urgency()), call.notes(), name(stored.callbackStatus()),
                time(stored.callbackDueAt()), stored.callbackAssignee(), name(call.direction()), call.purposeCategory(),
                hearing(call.hearingItems()), promise == null ? null : name(promise.kind()),
                promise == null ? null : time(promise.notBefore()), name(stored.assigneeKind()), stored.chaseOf(),
                stored.chaseCount()});
    }

    /** For {@link #UPDATE_CALLBACK}. */
    public static Tuple updateArguments(StoredCall call) {
        return Tuple.from(new Object[]{call.id(), name(call.callbackStatus()), time(call.callbackDueAt()),
                call.callbackAssignee(), name(call.assigneeKind()), time(call.callbackCompletedAt()),
                time(call.acknowledgedAt()), time(call.cancelledAt())});
    }

    /** For {@link #INSERT_ATTEMPT}: the attempt is stored as announced. */
    public static Tuple attemptArguments(CallbackAttempted attempt) {
        return Tuple.from(new Object[]{attempt.callId(), name(attempt.outcome()), time(attempt.nextAttemptAt()),
                attempt.by(), time(attempt.occurredAt())});
    }

    /** Reads the columns of {@link #FIND_CALL}, {@link #LOCK_CALL} and {@link #FIND_BY_IDEMPOTENCY_KEY}. */
    public static StoredCall of(Row row) {
        String assigneeKind = row.getString("assignee_kind");
        return new StoredCall(row.getString("id"), row.getString("tenant_id"), instant(row, "received_at"),
                CallbackStatus.valueOf(row.getString("callback_status")), instant(row, "callback_due_at"),
                row.getString("callback_assignee"), assigneeKind == null ? null : AssigneeKind.valueOf(assigneeKind),
                instant(row, "callback_completed_at"), instant(row, "acknowledged_at"), instant(row, "cancelled_at"),
                row.getString("chase_of"), row.getInteger("chase_count"));
    }

    public static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime time = row.getOffsetDateTime(column);
        return time == null ? null : time.toInstant();
    }

    private static String hearing(List<HearingAnswer> answers) {
        if (answers.isEmpty()) {
            return null;
        }
        try {
            return HEARING.writeValueAsString(answers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("hearing answers cannot be written", e);
        }
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
