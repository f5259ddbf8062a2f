package io.orikaeshi.reporting.repository;

import io.orikaeshi.events.OrikaeshiEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The processed-event ledger (the kit's processed_event table) for a whole batch at once: one insert claims every
 * event id, and only the ids it inserted are applied. A redelivered event, or the same event twice in one batch,
 * is applied once; two instances racing on one id serialise on the primary key and the loser skips it.
 */
@ApplicationScoped
public class ProcessedLedger {

    private static final String CLAIM = """
            insert into processed_event (event_id, event_type, processed_at)
            select id, type, now() from unnest(?::text[], ?::text[]) as u(id, type) order by id
            on conflict do nothing returning event_id""";

    /** @return the events of the batch that were not yet applied, each once, in the batch's order */
    public List<OrikaeshiEvent> claim(Connection connection, List<OrikaeshiEvent> events) throws SQLException {
        Map<String, OrikaeshiEvent> distinct = new LinkedHashMap<>();
        events.forEach(e -> distinct.putIfAbsent(e.eventId(), e));
        if (distinct.isEmpty()) {
            return List.of();
        }
        Set<String> claimed = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(CLAIM)) {
            statement.setArray(1, connection.createArrayOf("text", distinct.keySet().toArray(String[]::new)));
            statement.setArray(2, connection.createArrayOf("text",
                    distinct.values().stream().map(OrikaeshiEvent::type).toArray(String[]::new)));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    claimed.add(rows.getString(1));
                }
            }
        }
        List<OrikaeshiEvent> fresh = new ArrayList<>(claimed.size());
        distinct.values().stream().filter(e -> claimed.contains(e.eventId())).forEach(fresh::add);
        return fresh;
    }
}
