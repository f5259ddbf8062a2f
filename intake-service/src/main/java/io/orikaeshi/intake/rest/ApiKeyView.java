package io.orikaeshi.intake.rest;

import io.orikaeshi.events.tenant.ApiKeyGrant;

import java.time.Instant;

/**
 * An API key as listed: never the key. {@code key} is set only in the answer that creates it, the one time it is shown.
 */
public record ApiKeyView(String keyId, String key, ApiKeyGrant.Role role, String label, Instant createdAt,
        Instant revokedAt) {

    public static ApiKeyView of(ApiKeyGrant grant) {
        return new ApiKeyView(grant.keyId(), null, grant.role(), grant.label(), grant.createdAt(), grant.revokedAt());
    }
}
