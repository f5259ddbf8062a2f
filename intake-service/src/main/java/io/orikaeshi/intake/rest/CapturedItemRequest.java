package io.orikaeshi.intake.rest;

import io.orikaeshi.events.CaptureStatus;
import io.orikaeshi.events.CapturedItem;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "An item the operator asked for, and what became of the asking. "
        + "value is required when status is PROVIDED and must be absent otherwise.")
public record CapturedItemRequest(
        @NotNull @Schema(examples = "PROVIDED") CaptureStatus status,
        @Size(max = 500) String value) {

    /** The item as recorded: a provided value stripped, no value for any other status. */
    public CapturedItem captured() {
        return new CapturedItem(status, status == CaptureStatus.PROVIDED ? value.strip() : null);
    }
}
