package io.orikaeshi.intake.rest;

import io.orikaeshi.events.CaptureStatus;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "An optional hearing item of the tenant's plan and what the caller said")
public record HearingItemRequest(
        @NotBlank @Size(max = 100) @Schema(examples = "ご希望の折り返し時間帯") String item,
        @NotNull CaptureStatus status,
        @Size(max = 500) @Schema(examples = "15時以降") String value) {
}
