package io.orikaeshi.events.tenant;

import java.time.Instant;

/**
 * An API key as every service must know it to check requests: never the key itself, only its SHA-256.
 * A revoked key stays listed (with its revocation time) so that a late snapshot cannot bring it back.
 */
public record ApiKeyGrant(String keyId, Role role, String sha256, String label, Instant createdAt, Instant revokedAt) {

    public enum Role {
        /** Submits calls and acts on them. */
        OPERATOR,
        /** The client company's staff: reads its own calls and callbacks and acts on its callbacks. */
        CLIENT,
        /** Manages the tenant: settings and API keys. */
        ADMIN
    }

    public boolean active() {
        return revokedAt == null;
    }
}
