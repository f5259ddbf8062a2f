package io.orikaeshi.scheduler.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orikaeshi.events.AssigneeKind;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.orikaeshi.kit.sql.SqlValues.instant;

/**
 * The SQL of one firing round, set-based: one statement claims a batch of due timers together with their promises,
 * and one statement each writes the timers' outcome and the promises' new state (the events go to the outbox the
 * same way, in one statement: kit/outbox/Outbox), whatever the batch size. Hibernate Reactive would flush one UPDATE
 * per entity: a round trip per row, which capped a burst near 1,000 timers/s. The rows travel as one JSON parameter
 * each, read with json_to_recordset. Run inside the round's transaction.
 */
@ApplicationScoped
public class FiringBatch {

    private static final ObjectMapper JSON = new ObjectMapper();

    // Public, so that the firing benchmark runs these very statements over JDBC (bench/README.md).

    /*
     * Only the timer rows are locked: a second instance skips them. The promise is read unlocked and written back
     * guarded by its version and an open state, so a promise completed or extended meanwhile is not overwritten.
     */
    public static final String CLAIM = """
            select t.id, t.call_id, t.kind, t.level, t.fire_at, t.promise_version, t.target,
                   d.tenant_id, d.due_at, d.version, d.assignee, d.assignee_kind, d.state, d.escalation_level,
                   d.trace_parent, d.reported_at
            from deadline_timer t left join deadline d on d.call_id = t.call_id
            where t.state = 'PENDING' and t.armed and t.fire_at <= ?1
            order by t.fire_at
            limit ?2
            for update of t skip locked""";

    /*
     * Arms dormant timers whose ten-minute bucket has come within the horizon (?1 = now + horizon), earliest buckets
     * first, at most ?2 of them: run in the round's transaction just before the claim, so a dormant timer that is
     * already due (arming fell behind, the service was down, a fire time moved) is armed and claimed in the same
     * round; correctness never depends on arming ahead of time. Rows another instance holds are skipped, as in the
     * claim. Earliest buckets first: due timers are armed before those merely entering the horizon. The rows are
     * found again by their heap position (a TID scan, whatever the table's size; stable, as they are locked): with
     * `id in (...)` the planner chose a hash join over a sequential scan of the whole table on a small one.
     */
    public static final String ARM_DUE = """
            update deadline_timer set armed = true
            where ctid = any(array(select ctid from deadline_timer
                                   where state = 'PENDING' and not armed
                                     and deadline_timer_bucket(fire_at) <= deadline_timer_bucket(?1)
                                   order by deadline_timer_bucket(fire_at)
                                   limit ?2
                                   for update skip locked))""";

    /** The earliest armed fire time, for the loop's sleep (a dormant timer is an hour away, or armed next round). */
    public static final String NEXT_FIRE_AT = "select min(fire_at) from deadline_timer where state = 'PENDING' and armed";

    /** Pending timers of both tiers, each counted over its own partial index. */
    public static final String COUNT_PENDING = """
            select (select count(*) from deadline_timer where state = 'PENDING' and armed)
                 + (select count(*) from deadline_timer where state = 'PENDING' and not armed)""";

    /*
     * The claim must walk the pending index in due order and stop after `limit` rows. When the statistics say that
     * almost nothing is due (fire times moved since the last ANALYZE, a table filled from empty, a backlog after
     * downtime) the planner prefers a bitmap scan: it then reads and sorts every due row to return the first 500,
     * and a bitmap scan never marks the index entries of fired timers dead, so each round also revisits them.
     * On a burst that is one full pass over the backlog per round. Off for the claim's transaction only.
     */
    public static final String CLAIM_IN_DUE_ORDER = "set local enable_bitmapscan = off";

    public static final String UPDATE_TIMERS = """
            update deadline_timer t set state = x.state, fired_at = x.fired_at, late = x.late
            from json_to_recordset(cast(cast(?1 as text) as json)) as x(id bigint, state text, fired_at timestamptz, late boolean)
            where t.id = x.id""";

    public static final String UPDATE_PROMISES = """
            update deadline d set state = x.state, fired_at = coalesce(x.fired_at, d.fired_at),
                   escalation_level = x.escalation_level, assignee = x.assignee, assignee_kind = x.assignee_kind
            from json_to_recordset(cast(cast(?1 as text) as json)) as x(call_id text, version int, state text,
                   fired_at timestamptz, escalation_level int, assignee text, assignee_kind text)
            where d.call_id = x.call_id and d.version = x.version and d.state not in ('COMPLETED', 'CANCELLED')""";

    /** A claimed timer and its promise as it stood (null when the promise row is gone). */
    public record Claimed(DeadlineTimer timer, Deadline deadline) {
    }

    /** Arms at most {@code limit} dormant timers due by {@code horizonEnd}; answers how many. */
    public Uni<Integer> armDue(Instant horizonEnd, int limit) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(ARM_DUE)
                .setParameter(1, horizonEnd)
                .setParameter(2, limit)
                .executeUpdate());
    }

    /** Claims at most {@code limit} armed timers due at {@code now}, in due order, each with its promise. */
    public Uni<List<Claimed>> claim(Instant now, int limit) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(CLAIM_IN_DUE_ORDER)
                .executeUpdate()
                .chain(() -> session.createNativeQuery(CLAIM, Object[].class)
                        .setParameter(1, now)
                        .setParameter(2, limit)
                        .getResultList()))
                .map(FiringBatch::claimed);
    }

    private static List<Claimed> claimed(List<Object[]> rows) {
        // One Deadline object per call: two timers of one promise in a batch (warning and overdue after downtime)
        // advance the same state in turn.
        Map<String, Deadline> promises = new LinkedHashMap<>();
        List<Claimed> claimed = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            DeadlineTimer timer = new DeadlineTimer();
            timer.id = ((Number) row[0]).longValue();
            timer.callId = (String) row[1];
            timer.kind = TimerKind.valueOf((String) row[2]);
            timer.level = ((Number) row[3]).intValue();
            timer.fireAt = instant(row[4]);
            timer.promiseVersion = ((Number) row[5]).intValue();
            timer.target = (String) row[6];
            timer.state = DeadlineTimer.State.PENDING;
            Deadline deadline = row[7] == null ? null : promises.computeIfAbsent(timer.callId, id -> {
                Deadline d = new Deadline();
                d.callId = id;
                d.tenantId = (String) row[7];
                d.dueAt = instant(row[8]);
                d.version = ((Number) row[9]).intValue();
                d.assignee = (String) row[10];
                d.assigneeKind = row[11] == null ? null : AssigneeKind.valueOf((String) row[11]);
                d.state = Deadline.State.valueOf((String) row[12]);
                d.escalationLevel = ((Number) row[13]).intValue();
                d.traceParent = (String) row[14];
                d.reportedAt = instant(row[15]);
                return d;
            });
            claimed.add(new Claimed(timer, deadline));
        }
        return claimed;
    }

    /** Writes what the round decided: every claimed timer's outcome and the changed promises. */
    public Uni<Void> write(List<DeadlineTimer> timers, List<Deadline> changed) {
        List<Map<String, Object>> timerRows = timers.stream().map(t -> row(
                "id", t.id, "state", t.state.name(), "fired_at", text(t.firedAt), "late", t.late)).toList();
        List<Map<String, Object>> promiseRows = changed.stream().map(d -> row(
                "call_id", d.callId, "version", d.version, "state", d.state.name(), "fired_at", text(d.firedAt),
                "escalation_level", d.escalationLevel, "assignee", d.assignee,
                "assignee_kind", d.assigneeKind == null ? null : d.assigneeKind.name())).toList();
        return execute(UPDATE_TIMERS, timerRows)
                .chain(() -> execute(UPDATE_PROMISES, promiseRows));
    }

    private static Uni<Void> execute(String sql, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String json;
        try {
            json = JSON.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery(sql)
                .setParameter(1, json)
                .executeUpdate()).replaceWithVoid();
    }

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
