package io.orikaeshi.intake.console;

import io.orikaeshi.events.AssigneeKind;
import io.orikaeshi.events.PromiseKind;
import io.orikaeshi.intake.rest.CallbackRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/** Bodies of the operator console's endpoints (the console is a client of the public API like any other). */
public final class ConsoleViews {

    private ConsoleViews() {
    }

    @Schema(description = "A promise to preview, as it would be sent in a call's callback")
    public record PromisePreviewRequest(
            @Schema(description = "When the call was received; now when absent (the call's receivedAt)") OffsetDateTime receivedAt,
            @NotNull @Valid CallbackRequest callback) {
    }

    @Schema(description = "The promise a call with this callback would carry, computed by intake's own rules")
    public record PromisePreviewView(PromiseKind kind,
            @Schema(description = "Due time, in the tenant's time zone") OffsetDateTime dueAt,
            @Schema(description = "For WINDOW: not before this time") OffsetDateTime notBefore,
            String assignee, AssigneeKind assigneeKind,
            @Schema(examples = "Asia/Tokyo") String timeZone) {
    }

    @Schema(description = "A number as typed, read with the tenant's phone region")
    public record PhoneNumberView(String input, boolean valid,
            @Schema(description = "E.164; null when not a valid number") String e164,
            @Schema(description = "As the tenant's country writes it") String display,
            String region) {
    }

    @Schema(description = "What the console needs to know about the tenant")
    public record ConsoleContext(String tenantId, String name, String locale, String timeZone, String phoneRegion,
            @Schema(description = "The tenant's pool, the assignee when none is named") String pool,
            Duration defaultPromise, Duration nextBusinessDayWithin,
            @Schema(description = "Hearing items of the plan in force today") List<String> hearingItems,
            @Schema(description = "Addressees to suggest: of recent calls, most recent first, then the tenant's routed ones") List<String> addressees,
            @Schema(description = "Base URL of reporting-service (board, caller history)") String reportingUrl) {
    }
}
