package io.orikaeshi.intake.rest;

import io.orikaeshi.events.AssigneeKind;
import io.orikaeshi.events.AttemptOutcome;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/** Bodies of the operator actions on a callback. {@code by} names who acted (an operator id or a name). */
public final class CallbackActionRequests {

    private CallbackActionRequests() {
    }

    public record Attempt(@NotNull AttemptOutcome outcome,
            @Schema(description = "When the next try is due (after no answer or voicemail)") OffsetDateTime nextAttemptAt,
            @Size(max = 200) String by) {
    }

    public record Extension(
            @NotNull @Schema(description = "The new promised time; replaces the old one") OffsetDateTime newDueAt,
            @NotNull @AssertTrue(message = "an extension needs the caller's consent") @Schema(
                    description = "The caller agreed to the new time") Boolean callerConsented,
            @Size(max = 200) String by) {
    }

    public record Cancellation(@Size(max = 500) @Schema(examples = "解決済みとのこと") String reason,
            @Size(max = 200) String by) {
    }

    public record Reassignment(@NotBlank @Size(max = 200) String assignee, @NotNull AssigneeKind assigneeKind,
            @Size(max = 200) String by) {
    }

    public record Acknowledgement(@Size(max = 200) String by) {
    }
}
