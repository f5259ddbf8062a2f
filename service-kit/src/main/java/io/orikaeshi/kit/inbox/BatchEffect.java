package io.orikaeshi.kit.inbox;

import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * What a service does with a batch of events. It must be all or nothing — one transaction that claims the events'
 * ids in the {@link ProcessedEvents} ledger and applies the fresh ones — because the {@link Inbox} may run it again
 * after a failure, or split the batch to find the one event that cannot be applied.
 */
@FunctionalInterface
public interface BatchEffect {

    Uni<Void> apply(List<Received> batch);
}
