package io.orikaeshi.intake.repository;

import io.orikaeshi.events.CaptureStatus;
import io.vertx.mutiny.sqlclient.Row;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * What a reader of a message sees on the page its link opens: who called for whom, the captured items with their
 * status, and the promise. Personal data: caller name and number; shown only to holders of a signed link.
 */
public record CallReading(String callId, String addressee, Item callerName, Item purpose, Item callbackNumber,
        String notes, CallbackStatus callbackStatus, Instant callbackDueAt, String callbackAssignee) {

    /** A captured item: its value only when {@code PROVIDED}. */
    public record Item(CaptureStatus status, String value) {
    }

    /** Tenant-scoped: another tenant's call id is simply not found. */
    public static final String FIND = "select id, addressee, caller_name_status, caller_name, purpose_status, purpose,"
            + " callback_number_status, callback_number, notes, callback_status, callback_due_at, callback_assignee"
            + " from received_call where id = $1 and tenant_id = $2";

    public static CallReading of(Row row) {
        OffsetDateTime due = row.getOffsetDateTime("callback_due_at");
        return new CallReading(row.getString("id"), row.getString("addressee"),
                item(row, "caller_name_status", "caller_name"), item(row, "purpose_status", "purpose"),
                item(row, "callback_number_status", "callback_number"), row.getString("notes"),
                CallbackStatus.valueOf(row.getString("callback_status")), due == null ? null : due.toInstant(),
                row.getString("callback_assignee"));
    }

    private static Item item(Row row, String statusColumn, String valueColumn) {
        return new Item(CaptureStatus.valueOf(row.getString(statusColumn)), row.getString(valueColumn));
    }
}
