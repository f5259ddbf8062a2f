package io.orikaeshi.reporting.repository;

import io.orikaeshi.events.OrikaeshiEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a batch of events to the read models in a few multi-row statements, with the same result as applying
 * them one by one in the given order. A statement cannot touch one row twice, and the order of a call's events
 * matters for some columns (an extension's due time, say), so the batch is cut into rounds: round k holds the k-th
 * change of each row, and runs after round k-1. Within a round every row appears once, so the order of statements
 * inside a round does not matter. A batch of independent calls is one round: one statement per event kind.
 * The live consumer, the rebuild and the replay all come through here.
 */
@ApplicationScoped
public class Projections {

    @Inject
    CallLogProjection callLog;
    @Inject
    DeliveryLogProjection deliveryLog;

    /** Runs inside the caller's transaction; the events must already be claimed in the ledger (each once). */
    public void apply(Connection connection, List<OrikaeshiEvent> events) throws SQLException {
        for (Map<Upsert, List<RowChange>> round : rounds(events)) {
            for (Map.Entry<Upsert, List<RowChange>> statement : round.entrySet()) {
                execute(connection, statement.getKey(), statement.getValue());
            }
        }
    }

    List<Map<Upsert, List<RowChange>>> rounds(List<OrikaeshiEvent> events) {
        List<Map<Upsert, List<RowChange>>> rounds = new ArrayList<>();
        Map<String, Integer> changesPerRow = new HashMap<>();
        for (OrikaeshiEvent event : events) {
            for (RowChange change : changes(event)) {
                int round = changesPerRow.merge(change.upsert().table() + '/' + change.key(), 1, Integer::sum) - 1;
                while (rounds.size() <= round) {
                    rounds.add(new LinkedHashMap<>());
                }
                rounds.get(round).computeIfAbsent(change.upsert(), u -> new ArrayList<>()).add(change);
            }
        }
        return rounds;
    }

    /** An acknowledgement through a message's link changes both its call and its message. */
    private List<RowChange> changes(OrikaeshiEvent event) {
        RowChange call = callLog.change(event);
        List<RowChange> messages = deliveryLog.changes(event);
        if (call == null) {
            return messages;
        }
        List<RowChange> all = new ArrayList<>(messages.size() + 1);
        all.add(call);
        all.addAll(messages);
        return all;
    }

    private static void execute(Connection connection, Upsert upsert, List<RowChange> rows) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(upsert.sql())) {
            List<Array> arrays = new ArrayList<>(upsert.arity());
            for (int column = 0; column < upsert.arity(); column++) {
                String[] values = new String[rows.size()];
                for (int row = 0; row < values.length; row++) {
                    Object value = rows.get(row).values()[column];
                    values[row] = value == null ? null : value.toString();
                }
                Array array = connection.createArrayOf("text", values);
                arrays.add(array);
                statement.setArray(column + 1, array);
            }
            statement.executeUpdate();
            for (Array array : arrays) {
                array.free();
            }
        }
    }
}
