package io.orikaeshi.intake.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

@Schema(description = "The callback promised to the caller.")
public record CallbackRequest(
        @NotNull @Schema(description = "Promised time, with offset", examples = "2026-11-23T15:00:00+09:00")
        OffsetDateTime dueAt,
        @Size(max = 200) @Schema(description = "Person or pool that calls back", examples = "佐藤")
        String assignee) {
}
