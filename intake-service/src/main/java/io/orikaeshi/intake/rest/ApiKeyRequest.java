package io.orikaeshi.intake.rest;

import io.orikaeshi.events.tenant.ApiKeyGrant;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** @param label what the key is for ("reception PCs", "PBX integration"), to recognise it when revoking */
public record ApiKeyRequest(@NotNull ApiKeyGrant.Role role, @Size(max = 100) String label) {
}
