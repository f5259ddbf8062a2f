package io.orikaeshi.kit.inbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Tells an outage from a bug: a batch that fails while this answers is failing on its own; one that fails while
 * this does not is waiting for the database. Asked only after a failure that {@link Outages} could not classify.
 */
@ApplicationScoped
public class DatabaseProbe {

    @Inject
    Pool pool;
    @Inject
    InboxConfig config;

    public Uni<Boolean> reachable() {
        return pool.query("select 1").execute()
                .ifNoItem().after(config.probeTimeout()).fail()
                .map(rows -> true)
                .onFailure().recoverWithItem(false);
    }
}
