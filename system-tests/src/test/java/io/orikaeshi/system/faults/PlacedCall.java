package io.orikaeshi.system.faults;

import java.time.Instant;
import java.util.List;

/**
 * A call intake accepted (2xx), as the client saw it.
 *
 * @param recipients  who must get its emails, by the tenant's routes in config/tenants.properties
 * @param completedAt when intake accepted the completion of its callback, or null if it was left to lapse
 * @param warned      whether its warning must fall due while the promise is still open (see the phase)
 */
record PlacedCall(String tenant, String callId, Instant dueAt, List<String> recipients, Instant completedAt,
        boolean warned) {

    PlacedCall completed(Instant at) {
        return new PlacedCall(tenant, callId, dueAt, recipients, at, warned);
    }
}
