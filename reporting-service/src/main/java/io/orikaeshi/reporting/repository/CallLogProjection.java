package io.orikaeshi.reporting.repository;

import io.orikaeshi.events.CallDetails;
import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackCompleted;
import io.orikaeshi.events.CallbackOverdue;
import io.orikaeshi.events.OrikaeshiEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Applies events to call_log with upserts that give the same row whatever order the two topics deliver in:
 * COMPLETED beats OVERDUE beats OPEN, and CallReceived fills the call's details without undoing a later state.
 */
@ApplicationScoped
public class CallLogProjection {

    private static final String RECEIVED = """
            insert into call_log (call_id, tenant_id, received_at, operator_id, site, addressee,
                caller_name_status, caller_name, purpose_status, purpose, callback_number_status, callback_number,
                urgency, callback_status, callback_due_at, callback_assignee)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
            on conflict (call_id) do update set received_at = excluded.received_at,
                operator_id = excluded.operator_id, site = excluded.site, addressee = excluded.addressee,
                caller_name_status = excluded.caller_name_status, caller_name = excluded.caller_name,
                purpose_status = excluded.purpose_status, purpose = excluded.purpose,
                callback_number_status = excluded.callback_number_status, callback_number = excluded.callback_number,
                urgency = excluded.urgency, callback_due_at = excluded.callback_due_at,
                callback_assignee = excluded.callback_assignee
            """;
    private static final String OVERDUE = """
            insert into call_log (call_id, tenant_id, callback_status, callback_due_at, overdue_at)
            values (?1, ?2, 'OVERDUE', ?3, ?4)
            on conflict (call_id) do update set overdue_at = excluded.overdue_at,
                callback_status = case when call_log.callback_status = 'COMPLETED' then 'COMPLETED' else 'OVERDUE' end
            """;
    private static final String COMPLETED = """
            insert into call_log (call_id, tenant_id, callback_status, completed_at)
            values (?1, ?2, 'COMPLETED', ?3)
            on conflict (call_id) do update set callback_status = 'COMPLETED', completed_at = excluded.completed_at
            """;

    public Uni<Void> apply(OrikaeshiEvent event) {
        if (event instanceof CallReceived received) {
            return received(received);
        }
        if (event instanceof CallbackOverdue overdue) {
            return execute(OVERDUE, overdue.callId(), overdue.tenantId(), overdue.dueAt(), overdue.occurredAt());
        }
        if (event instanceof CallbackCompleted completed) {
            return execute(COMPLETED, completed.callId(), completed.tenantId(), completed.occurredAt());
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> received(CallReceived event) {
        CallDetails call = event.call();
        boolean promised = call.callbackPromised();
        return execute(RECEIVED, event.callId(), event.tenantId(), call.receivedAt(), call.operatorId(), call.site(),
                call.addressee(), call.callerName().status().name(), call.callerName().value(),
                call.purpose().status().name(), call.purpose().value(), call.callbackNumber().status().name(),
                call.callbackNumber().value(), call.urgency().name(), promised ? "OPEN" : "NONE",
                promised ? call.callback().dueAt() : null, promised ? call.callback().assignee() : null);
    }

    private Uni<Void> execute(String sql, Object... parameters) {
        return Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i] instanceof Instant instant
                        ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : parameters[i]);
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }
}
