package io.orikaeshi.kit.inbox;

import io.orikaeshi.events.OrikaeshiEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The processed-event ledger that makes every consumer idempotent: a batch's event ids are claimed with one insert in
 * the same transaction as the batch's effect, and only the ids it inserted are applied. A redelivered event (restart,
 * rebalance, replay of a dead letter, an outbox row published twice) or the same event twice in one batch is applied
 * once. Ids are inserted in id order, so two instances claiming overlapping batches lock in the same order and cannot
 * deadlock; the loser of a race on one id skips it.
 *
 * <p>One statement, run either inside the caller's Hibernate Reactive transaction or on the caller's JDBC connection
 * (a service's persistence idiom decides which).
 */
@ApplicationScoped
public class ProcessedEvents {

    /**
     * Reactive services: one transaction claims the batch and runs {@code effect} on the events not applied before,
     * each once, in the batch's order.
     */
    public Uni<Void> applyOnce(List<Received> batch, Function<List<Received>, Uni<Void>> effect) {
        return Panache.withTransaction(() -> claim(batch).chain(fresh -> effect.apply(fresh)));
    }

    private Uni<List<Received>> claim(List<Received> batch) {
        List<OrikaeshiEvent> ids = byId(batch.stream().map(Received::event).toList());
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String sql = claimStatement(ids.size(), i -> "?" + i);
        return Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(sql, String.class);
            for (int i = 0; i < ids.size(); i++) {
                query.setParameter(2 * i + 1, ids.get(i).eventId());
                query.setParameter(2 * i + 2, ids.get(i).type());
            }
            return query.getResultList();
        }).map(claimed -> fresh(batch, Received::event, claimed));
    }

    /** JDBC services: claims inside the transaction open on {@code connection}. @return the events to apply now */
    public List<OrikaeshiEvent> claim(Connection connection, List<OrikaeshiEvent> events) throws SQLException {
        List<OrikaeshiEvent> ids = byId(events);
        if (ids.isEmpty()) {
            return List.of();
        }
        Set<String> claimed = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(claimStatement(ids.size(), i -> "?"))) {
            for (int i = 0; i < ids.size(); i++) {
                statement.setString(2 * i + 1, ids.get(i).eventId());
                statement.setString(2 * i + 2, ids.get(i).type());
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    claimed.add(rows.getString(1));
                }
            }
        }
        return fresh(events, e -> e, claimed);
    }

    /** The batch's distinct events in id order: the order the claim locks them in. */
    private static List<OrikaeshiEvent> byId(List<OrikaeshiEvent> events) {
        Map<String, OrikaeshiEvent> distinct = new LinkedHashMap<>();
        events.forEach(e -> distinct.putIfAbsent(e.eventId(), e));
        return distinct.values().stream().sorted(Comparator.comparing(OrikaeshiEvent::eventId)).toList();
    }

    /** A CTE makes the insert a query, so its RETURNING rows come back through either client's select path. */
    private static String claimStatement(int rows, IntFunction<String> parameter) {
        StringJoiner values = new StringJoiner(", ");
        for (int i = 0; i < rows; i++) {
            values.add("(" + parameter.apply(2 * i + 1) + ", " + parameter.apply(2 * i + 2) + ", now())");
        }
        return "with claimed as (insert into processed_event (event_id, event_type, processed_at) values " + values
                + " on conflict do nothing returning event_id) select event_id from claimed";
    }

    /** The items whose event was claimed now, each event once, in the batch's order. */
    private static <T> List<T> fresh(List<T> batch, Function<T, OrikaeshiEvent> event, Collection<String> claimed) {
        Set<String> open = new HashSet<>(claimed);
        List<T> result = new ArrayList<>(open.size());
        for (T item : batch) {
            if (open.remove(event.apply(item).eventId())) {
                result.add(item);
            }
        }
        return result;
    }
}
