package io.orikaeshi.kit.links;

import java.time.Instant;
import java.util.Optional;

/**
 * What a signed link allows: one action on one tenant's callback, until it expires. {@code messageId} names the
 * message the link was sent in (empty for a link made before messages were named), so opening and acknowledging are
 * recorded per message.
 */
public record LinkClaim(String tenantId, String callId, LinkAction action, Instant expiresAt,
        Optional<String> messageId) {

    public LinkClaim(String tenantId, String callId, LinkAction action, Instant expiresAt) {
        this(tenantId, callId, action, expiresAt, Optional.empty());
    }
}
