package io.orikaeshi.reporting.service;

import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.OrikaeshiEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a given list of event payloads, in that order, to the read models of another schema, through the same
 * ledger and batched projections as the live consumer and the rebuild. What the tests use to prove that the
 * result does not depend on how the stream is cut into batches or how the topics interleave. Blocking.
 */
@ApplicationScoped
public class ProjectionReplay {

    @Inject
    ReadModelSchemas schemas;
    @Inject
    ProjectionWriter writer;

    public void recreate(String schema) {
        schemas.recreate(schema);
    }

    /** @return how many events were applied (the rest were already in the schema's ledger) */
    public int replay(String schema, List<String> payloads, int batchSize) throws SQLException {
        List<OrikaeshiEvent> events = new ArrayList<>(payloads.size());
        for (String payload : payloads) {
            try {
                events.add(EventCodec.fromJson(payload));
            } catch (EventCodec.MalformedEventException e) {
                // skipped, as the live consumer dead-letters it
            }
        }
        int applied = 0;
        for (int from = 0; from < events.size(); from += batchSize) {
            applied += writer.apply(schema, events.subList(from, Math.min(events.size(), from + batchSize))).size();
        }
        return applied;
    }
}
