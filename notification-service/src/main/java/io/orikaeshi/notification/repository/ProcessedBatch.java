package io.orikaeshi.notification.repository;

import io.orikaeshi.events.OrikaeshiEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The kit's processed-event ledger, claimed for a whole batch with one statement inside the batch's transaction:
 * only the ids it inserted are applied, so a redelivered event, or the same event twice in a batch, is applied once.
 * Rows go in id order, so two instances claiming overlapping batches lock in the same order and cannot deadlock;
 * the loser of a race on one id skips it.
 */
@ApplicationScoped
public class ProcessedBatch {

    /** @return the events not yet applied, each once, in the batch's order */
    public Uni<List<OrikaeshiEvent>> claim(List<OrikaeshiEvent> events) {
        Map<String, OrikaeshiEvent> distinct = new LinkedHashMap<>();
        events.forEach(e -> distinct.putIfAbsent(e.eventId(), e));
        if (distinct.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<OrikaeshiEvent> byId = distinct.values().stream()
                .sorted(Comparator.comparing(OrikaeshiEvent::eventId)).toList();
        StringJoiner rows = new StringJoiner(", ");
        for (int i = 0; i < byId.size(); i++) {
            rows.add("(?" + (2 * i + 1) + ", ?" + (2 * i + 2) + ", now())");
        }
        // A CTE makes the insert a query, so its RETURNING rows come back through the session's select path.
        String sql = "with claimed as (insert into processed_event (event_id, event_type, processed_at) values "
                + rows + " on conflict do nothing returning event_id) select event_id from claimed";
        return Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(sql, String.class);
            for (int i = 0; i < byId.size(); i++) {
                query.setParameter(2 * i + 1, byId.get(i).eventId());
                query.setParameter(2 * i + 2, byId.get(i).type());
            }
            return query.getResultList();
        }).map(claimed -> {
            var fresh = new HashSet<>(claimed);
            List<OrikaeshiEvent> result = new ArrayList<>(fresh.size());
            distinct.values().stream().filter(e -> fresh.contains(e.eventId())).forEach(result::add);
            return result;
        });
    }
}
