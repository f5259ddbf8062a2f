package io.orikaeshi.reporting.mapping;

import io.orikaeshi.kit.phone.PhoneDisplay;
import io.orikaeshi.kit.tenant.TenantSettings;
import io.orikaeshi.reporting.rest.BoardItem;
import io.orikaeshi.reporting.rest.CallLogView;
import io.vertx.mutiny.sqlclient.Row;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/** call_log rows to the API's records. */
public final class CallLogRows {

    /** The columns every mapping here reads; queries select them and filter as they need. */
    public static final String COLUMNS = """
            call_id, received_at, operator_id, site, addressee, caller_name_status, caller_name, purpose_status,
            purpose, callback_number_status, callback_number, urgency, callback_status, callback_due_at,
            callback_assignee, overdue_at, completed_at, warned_due_at, overdue_due_at, escalated_due_at,
            escalation_level, chase_count, extension_count""";

    /** Whether anyone took the call on, and whether any message about it was read: what {@link #boardItem} adds. */
    public static final String RECEIPTS = """
            acknowledged_at, acknowledged_by, exists(select 1 from message_log m where m.tenant_id = call_log.tenant_id
                and m.call_id = call_log.call_id and m.viewed_at is not null) as viewed""";

    private CallLogRows() {
    }

    public static CallLogView view(Row r) {
        String state = state(r);
        return new CallLogView(r.getString("call_id"), instant(r, "received_at"), r.getString("operator_id"),
                r.getString("site"), r.getString("addressee"),
                new CallLogView.Item(r.getString("caller_name_status"), r.getString("caller_name")),
                new CallLogView.Item(r.getString("purpose_status"), r.getString("purpose")),
                new CallLogView.Item(r.getString("callback_number_status"), r.getString("callback_number")),
                r.getString("urgency"),
                new CallLogView.Callback(CallbackState.status(state,
                        CallbackState.overdue(instant(r, "callback_due_at"), instant(r, "overdue_due_at"))), state,
                        instant(r, "callback_due_at"),
                        r.getString("callback_assignee"), instant(r, "overdue_at"), instant(r, "completed_at"),
                        "ESCALATED".equals(state) ? r.getInteger("escalation_level") : 0,
                        r.getInteger("chase_count"), r.getInteger("extension_count")));
    }

    public static BoardItem boardItem(Row r, Instant now, TenantSettings tenant) {
        String state = state(r);
        Instant due = instant(r, "callback_due_at");
        return new BoardItem(r.getString("call_id"), r.getString("urgency"), r.getString("addressee"),
                r.getString("purpose"), instant(r, "received_at"), due,
                due == null ? 0 : Duration.between(now, due).toSeconds(), state,
                "ESCALATED".equals(state) ? r.getInteger("escalation_level") : 0, r.getString("callback_assignee"),
                r.getInteger("chase_count"), r.getString("callback_number"),
                PhoneDisplay.forRegion(r.getString("callback_number"), tenant.phoneRegion()),
                tenant.timeZone().getId(), instant(r, "acknowledged_at"), r.getString("acknowledged_by"),
                r.getBoolean("viewed"));
    }

    private static String state(Row r) {
        return CallbackState.state(r.getString("callback_status"), instant(r, "callback_due_at"),
                instant(r, "warned_due_at"), instant(r, "overdue_due_at"), instant(r, "escalated_due_at"));
    }

    public static Instant instant(Row r, String column) {
        OffsetDateTime value = r.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
