package io.orikaeshi.reporting.repository;

import io.orikaeshi.events.AssigneeKind;
import io.orikaeshi.events.CallDetails;
import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackAcknowledged;
import io.orikaeshi.events.CallbackAttempted;
import io.orikaeshi.events.CallbackCancelled;
import io.orikaeshi.events.CallbackChased;
import io.orikaeshi.events.CallbackCompleted;
import io.orikaeshi.events.CallbackEscalated;
import io.orikaeshi.events.CallbackExtended;
import io.orikaeshi.events.CallbackOverdue;
import io.orikaeshi.events.CallbackReassigned;
import io.orikaeshi.events.CallbackWarned;
import io.orikaeshi.events.OrikaeshiEvent;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Applies call and deadline events to call_log. Events of one call come on two topics (intake's and the
 * scheduler's), ordered within a topic but not across them, so every statement is an upsert whose result does not
 * depend on that interleaving: terminal states win over OPEN, the assignee is the most recent assignment, and
 * deadline facts are stored with the due time they were about (the visible state is derived when reading).
 * Counters are plain increments: the processed-event ledger applies each event exactly once.
 * Each statement is multi-row ({@link Upsert}); {@link Projections} never puts one call twice into one statement.
 */
@ApplicationScoped
public class CallLogProjection {

    static final String TABLE = "call_log";

    static final Upsert RECEIVED = Upsert.of(TABLE, 21, """
            insert into call_log (call_id, tenant_id, received_at, operator_id, site, addressee,
                caller_name_status, caller_name, purpose_status, purpose, callback_number_status, callback_number,
                urgency, callback_status, callback_due_at, callback_assignee, assignee_kind, assignee_since,
                direction, purpose_category, hearing_item_count, chase_of)
            select c1, c2, c3::timestamptz, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15::timestamptz, c16,
                c17, c3::timestamptz, c18, c19, c20::int, c21
            from %s
            on conflict (call_id) do update set received_at = excluded.received_at,
                operator_id = excluded.operator_id, site = excluded.site, addressee = excluded.addressee,
                caller_name_status = excluded.caller_name_status, caller_name = excluded.caller_name,
                purpose_status = excluded.purpose_status, purpose = excluded.purpose,
                callback_number_status = excluded.callback_number_status, callback_number = excluded.callback_number,
                urgency = excluded.urgency, callback_due_at = excluded.callback_due_at,
                direction = excluded.direction, purpose_category = excluded.purpose_category,
                hearing_item_count = excluded.hearing_item_count, chase_of = excluded.chase_of,
                callback_status = case when call_log.callback_status in ('COMPLETED', 'CANCELLED')
                    then call_log.callback_status else excluded.callback_status end,
                callback_assignee = case when call_log.assignee_since is null
                    then excluded.callback_assignee else call_log.callback_assignee end,
                assignee_kind = case when call_log.assignee_since is null
                    then excluded.assignee_kind else call_log.assignee_kind end,
                assignee_since = coalesce(call_log.assignee_since, excluded.assignee_since)
            """);
    // A deadline event may be the first to reach us: it creates an OPEN promise whose details CallReceived fills in.
    static final Upsert WARNED = Upsert.of(TABLE, 4,
            """
                    insert into call_log (call_id, tenant_id, callback_status, callback_due_at, callback_assignee, warned_due_at)
                    select c1, c2, 'OPEN', c3::timestamptz, c4, c3::timestamptz from %s
                    on conflict (call_id) do update set warned_due_at = greatest(call_log.warned_due_at, excluded.warned_due_at)
                    """);
    static final Upsert OVERDUE = Upsert.of(TABLE, 5,
            """
                    insert into call_log (call_id, tenant_id, callback_status, callback_due_at, callback_assignee,
                        overdue_due_at, overdue_at, overdue_count)
                    select c1, c2, 'OPEN', c3::timestamptz, c4, c3::timestamptz, c5::timestamptz, 1 from %s
                    on conflict (call_id) do update set overdue_due_at = greatest(call_log.overdue_due_at, excluded.overdue_due_at),
                        overdue_at = greatest(call_log.overdue_at, excluded.overdue_at),
                        overdue_count = call_log.overdue_count + 1
                    """);
    static final Upsert ESCALATED = Upsert.of(TABLE, 4, """
            insert into call_log (call_id, tenant_id, callback_status, callback_due_at, escalated_due_at,
                escalation_level, escalation_count)
            select c1, c2, 'OPEN', c3::timestamptz, c3::timestamptz, c4::int, 1 from %s
            on conflict (call_id) do update set
                escalation_level = case
                    when call_log.escalated_due_at is null or excluded.escalated_due_at > call_log.escalated_due_at
                        then excluded.escalation_level
                    when excluded.escalated_due_at = call_log.escalated_due_at
                        then greatest(call_log.escalation_level, excluded.escalation_level)
                    else call_log.escalation_level end,
                escalated_due_at = greatest(call_log.escalated_due_at, excluded.escalated_due_at),
                escalation_count = call_log.escalation_count + 1
            """);
    static final Upsert COMPLETED = Upsert.of(TABLE, 3, """
            insert into call_log (call_id, tenant_id, callback_status, completed_at)
            select c1, c2, 'COMPLETED', c3::timestamptz from %s
            on conflict (call_id) do update set callback_status = 'COMPLETED', completed_at = excluded.completed_at
            """);
    static final Upsert CANCELLED = Upsert.of(TABLE, 3, """
            insert into call_log (call_id, tenant_id, callback_status, cancelled_at)
            select c1, c2, 'CANCELLED', c3::timestamptz from %s
            on conflict (call_id) do update set cancelled_at = excluded.cancelled_at,
                callback_status = case when call_log.callback_status = 'COMPLETED' then 'COMPLETED' else 'CANCELLED' end
            """);
    static final Upsert EXTENDED = Upsert.of(TABLE, 3, """
            insert into call_log (call_id, tenant_id, callback_status, callback_due_at, extension_count)
            select c1, c2, 'OPEN', c3::timestamptz, 1 from %s
            on conflict (call_id) do update set callback_due_at = excluded.callback_due_at,
                extension_count = call_log.extension_count + 1
            """);
    // Reassignment comes from intake (a person) or the scheduler (pool fallback): the latest one wins.
    static final Upsert REASSIGNED = Upsert.of(TABLE, 5,
            """
                    insert into call_log (call_id, tenant_id, callback_status, callback_assignee, assignee_kind, assignee_since)
                    select c1, c2, 'OPEN', c3, c4, c5::timestamptz from %s
                    on conflict (call_id) do update set
                        callback_assignee = case when call_log.assignee_since is null or excluded.assignee_since >= call_log.assignee_since
                            then excluded.callback_assignee else call_log.callback_assignee end,
                        assignee_kind = case when call_log.assignee_since is null or excluded.assignee_since >= call_log.assignee_since
                            then excluded.assignee_kind else call_log.assignee_kind end,
                        assignee_since = greatest(call_log.assignee_since, excluded.assignee_since)
                    """);
    // The first acknowledgement in time is the one shown, whichever is projected first (a rebuild reads in a
    // different order than the live consumer did).
    static final Upsert ACKNOWLEDGED = Upsert.of(TABLE, 4, """
            insert into call_log (call_id, tenant_id, callback_status, acknowledged_at, acknowledged_by)
            select c1, c2, 'OPEN', c3::timestamptz, c4 from %s
            on conflict (call_id) do update set
                acknowledged_by = case when call_log.acknowledged_at is null
                        or excluded.acknowledged_at < call_log.acknowledged_at
                    then excluded.acknowledged_by else call_log.acknowledged_by end,
                acknowledged_at = least(call_log.acknowledged_at, excluded.acknowledged_at)
            """);
    static final Upsert ATTEMPTED = Upsert.of(TABLE, 2, """
            insert into call_log (call_id, tenant_id, callback_status, attempt_count) select c1, c2, 'OPEN', 1 from %s
            on conflict (call_id) do update set attempt_count = call_log.attempt_count + 1
            """);
    // The event carries the running count, so the highest one seen is the count whatever the delivery order.
    static final Upsert CHASED = Upsert.of(TABLE, 3,
            """
                    insert into call_log (call_id, tenant_id, callback_status, chase_count) select c1, c2, 'OPEN', c3::int from %s
                    on conflict (call_id) do update set chase_count = greatest(call_log.chase_count, excluded.chase_count)
                    """);

    /** The change this event makes to its call's row, or null when it is not about call_log. */
    public RowChange change(OrikaeshiEvent event) {
        String call = event.callId();
        String tenant = event.tenantId();
        if (event instanceof CallReceived received) {
            return received(received);
        } else if (event instanceof CallbackWarned e) {
            return WARNED.row(call, tenant, e.dueAt(), e.assignee());
        } else if (event instanceof CallbackOverdue e) {
            return OVERDUE.row(call, tenant, e.dueAt(), e.assignee(), e.occurredAt());
        } else if (event instanceof CallbackEscalated e) {
            return ESCALATED.row(call, tenant, e.dueAt(), e.level());
        } else if (event instanceof CallbackCompleted e) {
            return COMPLETED.row(call, tenant, e.occurredAt());
        } else if (event instanceof CallbackCancelled e) {
            return CANCELLED.row(call, tenant, e.occurredAt());
        } else if (event instanceof CallbackExtended e) {
            return EXTENDED.row(call, tenant, e.newDueAt());
        } else if (event instanceof CallbackReassigned e) {
            return REASSIGNED.row(call, tenant, e.assignee(), kindName(e.assigneeKind()), e.occurredAt());
        } else if (event instanceof CallbackAcknowledged e) {
            return ACKNOWLEDGED.row(call, tenant, e.occurredAt(), e.by());
        } else if (event instanceof CallbackAttempted) {
            return ATTEMPTED.row(call, tenant);
        } else if (event instanceof CallbackChased e) {
            return CHASED.row(call, tenant, e.chaseCount());
        }
        return null;
    }

    private static RowChange received(CallReceived event) {
        CallDetails call = event.call();
        boolean promised = call.callbackPromised();
        return RECEIVED.row(event.callId(), event.tenantId(), call.receivedAt(), call.operatorId(), call.site(),
                call.addressee(), call.callerName().status().name(), call.callerName().value(),
                call.purpose().status().name(), call.purpose().value(), call.callbackNumber().status().name(),
                call.callbackNumber().value(), call.urgency().name(), promised ? "OPEN" : "NONE",
                promised ? call.callback().dueAt() : null, promised ? call.callback().assignee() : null,
                promised ? kindName(call.callback().assigneeKind()) : null,
                call.direction() == null ? "INBOUND" : call.direction().name(), call.purposeCategory(),
                call.hearingItems().size(), call.chaseOf());
    }

    private static String kindName(AssigneeKind kind) {
        return kind == null ? null : kind.name();
    }
}
