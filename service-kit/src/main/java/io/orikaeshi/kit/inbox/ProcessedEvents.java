package io.orikaeshi.kit.inbox;

import io.orikaeshi.events.OrikaeshiEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Function;

/**
 * Makes a consumer idempotent: the event id is recorded in the same transaction as the event's effect, so a
 * redelivered event (rebalance, restart, re-published outbox batch) finds its id and changes nothing.
 * Two deliveries racing on two instances serialise on the primary key; the loser inserts nothing and skips.
 */
@ApplicationScoped
public class ProcessedEvents {

    public <E extends OrikaeshiEvent> Uni<Boolean> applyOnce(E event, Function<E, Uni<Void>> effect) {
        return Panache.withTransaction(() -> claim(event)
                .flatMap(first -> first ? effect.apply(event).replaceWith(true) : Uni.createFrom().item(false)));
    }

    private Uni<Boolean> claim(OrikaeshiEvent event) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "insert into processed_event (event_id, event_type, processed_at) values (?1, ?2, now()) "
                                + "on conflict do nothing")
                .setParameter(1, event.eventId())
                .setParameter(2, event.type())
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
