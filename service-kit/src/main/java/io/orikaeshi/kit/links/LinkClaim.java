package io.orikaeshi.kit.links;

import java.time.Instant;

/** What a signed link allows: one action on one tenant's callback, until it expires. */
public record LinkClaim(String tenantId, String callId, LinkAction action, Instant expiresAt) {
}
