package io.orikaeshi.kit.security;

import io.orikaeshi.events.tenant.ApiKeyGrant.Role;

/**
 * Who sent the request: a tenant's key (its id, never the key) or the platform key. Handlers may record
 * {@link #actor()} for an audit trail.
 */
public record Caller(String tenantId, String keyId, Role role, boolean platform) {

    static final String PROPERTY = "orikaeshi.caller";

    public static Caller platformOperator() {
        return new Caller(null, "platform", null, true);
    }

    public String actor() {
        return platform ? "platform" : keyId;
    }
}
