package io.orikaeshi.intake.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDateTime;
import java.util.List;

/**
 * Who is on call, by date. Times are local to the tenant's time zone (2026-12-07T09:00, no offset); a shift covers
 * [from, until). An override (a day's swap) wins over the rotation.
 */
public record OnCallRequest(@NotBlank @Size(max = 200) String name,
        @NotNull @Size(max = 1000) List<@NotNull @Valid ShiftRequest> rotation,
        @Size(max = 1000) List<@NotNull @Valid ShiftRequest> overrides) {

    /** @param contact the id of one of the tenant's contacts */
    public record ShiftRequest(@NotBlank @Size(max = 63) String contact, @NotNull LocalDateTime from,
            @NotNull LocalDateTime until) {
    }
}
