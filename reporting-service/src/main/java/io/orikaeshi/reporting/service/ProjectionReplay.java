package io.orikaeshi.reporting.service;

import io.agroal.api.AgroalDataSource;
import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.kit.inbox.ProcessedEvents;
import io.orikaeshi.reporting.repository.Projections;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Rebuilds the read models from events into a separate schema, through the same ledger and projections as the
 * live consumer: what proves that a rebuild from offset 0 gives the live model (compare the two schemas), and what
 * the rebuild benchmark times. Events are applied in the given order, in transactions of {@link #BATCH} events,
 * because one commit per event would cap the rate at the disk's fsync rate.
 */
@ApplicationScoped
public class ProjectionReplay {

    static final int BATCH = 500;
    private static final Pattern SCHEMA = Pattern.compile("[a-z][a-z0-9_]{0,30}");

    private final AgroalDataSource dataSource;
    private final ProcessedEvents processed;
    private final Projections projections;

    public ProjectionReplay(AgroalDataSource dataSource, ProcessedEvents processed, Projections projections) {
        this.dataSource = dataSource;
        this.processed = processed;
        this.projections = projections;
    }

    /** Drops the schema and creates the read models in it afresh, with this service's migrations. Blocking. */
    public void recreate(String schema) {
        requireName(schema);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop schema " + schema, e);
        }
        Flyway.configure().dataSource(dataSource).schemas(schema).defaultSchema(schema)
                .locations("classpath:db/migration").load().migrate();
    }

    /** @return how many events were applied (the rest were already in the schema's ledger) */
    public Uni<Integer> replay(String schema, List<String> payloads) {
        requireName(schema);
        List<OrikaeshiEvent> events = payloads.stream().map(ProjectionReplay::parse).filter(Objects::nonNull).toList();
        return Multi.createFrom().range(0, (events.size() + BATCH - 1) / BATCH)
                .onItem().transformToUniAndConcatenate(i -> batch(schema,
                        events.subList(i * BATCH, Math.min(events.size(), (i + 1) * BATCH))))
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
    }

    private Uni<Integer> batch(String schema, List<OrikaeshiEvent> events) {
        return Panache.withTransaction(() -> Panache.getSession()
                .flatMap(s -> s.createNativeQuery("set local search_path to " + schema).executeUpdate())
                .chain(() -> Multi.createFrom().iterable(events)
                        .onItem().transformToUniAndConcatenate(e -> processed.applyOnce(e, projections::apply))
                        .collect().with(java.util.stream.Collectors.summingInt(applied -> applied ? 1 : 0))));
    }

    /** A record that is not an event is skipped, as the live consumer dead-letters it. */
    private static OrikaeshiEvent parse(String payload) {
        try {
            return EventCodec.fromJson(payload);
        } catch (EventCodec.MalformedEventException e) {
            return null;
        }
    }

    private static void requireName(String schema) {
        if (!SCHEMA.matcher(schema).matches() || "public".equals(schema)) {
            throw new IllegalArgumentException("not a replay schema name: " + schema);
        }
    }
}
