package io.orikaeshi.intake.rest;

import io.orikaeshi.events.AssigneeKind;
import io.orikaeshi.events.PromiseKind;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Duration;
import java.time.OffsetDateTime;

@Schema(description = """
        The callback promised to the caller, as it was phrased:
        BY_TIME needs dueAt ("by 15:00"); WITHIN needs within ("within 30 minutes", ISO-8601 PT30M);
        WINDOW needs notBefore and dueAt ("after 15:00, before 18:00"); NEXT_BUSINESS_DAY is computed with the
        tenant's calendar: due the tenant's promises.nextBusinessDayWithin of business time after the next business day's
        opening (by default three hours: 12:00 for a 09:00 opening); TENANT_DEFAULT applies the tenant's default
        promise in business hours. Without kind: BY_TIME when dueAt is given, WITHIN when within is given,
        TENANT_DEFAULT otherwise.""")
public record CallbackRequest(
        PromiseKind kind,
        @Schema(description = "Promised time, with offset. Must still be ahead: a due time already past (e.g. "
                + "when recording a past call) is refused with 422 naming callback.dueAt",
                examples = "2026-11-23T15:00:00+09:00") OffsetDateTime dueAt,
        @Schema(description = "For WITHIN: ISO-8601 duration from when the call was received",
                examples = "PT30M") Duration within,
        @Schema(description = "For WINDOW: do not call before this time",
                examples = "2026-11-23T15:00:00+09:00") OffsetDateTime notBefore,
        @Size(max = 200) @Schema(description = "Person or pool that calls back; the tenant's pool when absent",
                examples = "佐藤") String assignee,
        @Schema(description = "PERSON when an assignee is named, POOL otherwise") AssigneeKind assigneeKind) {

    /** By-time promise, the walking-skeleton shape. */
    public CallbackRequest(OffsetDateTime dueAt, String assignee) {
        this(null, dueAt, null, null, assignee, null);
    }
}
