package io.orikaeshi.kit.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orikaeshi.events.OrikaeshiEvent;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Appends events to the outbox table, inside the transaction that changes the state the event announces: either both
 * commit or neither does, so an acknowledged request can never lose its event. Once that transaction commits the
 * relay is nudged, so publication does not wait for its next poll.
 *
 * <p>One statement, run either in a Hibernate Reactive transaction begun by {@link #transaction} or on the caller's
 * reactive SQL connection inside its transaction (a service's persistence idiom decides which).
 */
@ApplicationScoped
@IfBuildProperty(name = "orikaeshi.outbox.enabled", stringValue = "true")
public class Outbox {

    /**
     * Any number of rows in one statement, whatever the batch size: they travel as one JSON parameter, in the order
     * the relay publishes them (id order). An event id already in the outbox is the same fact: skipping it keeps one
     * odd row from failing every later transaction. Parameter numbered for Hibernate ({@code ?1}); public, so that
     * benchmarks run this very statement over JDBC.
     */
    public static final String APPEND = """
            insert into outbox (event_id, topic, message_key, event_type, payload, created_at, trace_parent)
            select event_id, topic, message_key, event_type, payload, created_at, trace_parent
            from json_to_recordset(cast(cast(?1 as text) as json)) as x(event_id text, topic text, message_key text,
                   event_type text, payload text, created_at timestamptz, trace_parent text)
            on conflict (event_id) do nothing""";
    private static final String APPEND_SQL_CLIENT = APPEND.replace("?1", "$1");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    OutboxRelay relay;
    /** The Hibernate Reactive transactions begun by {@link #transaction} and running, each with "appended rows". */
    private final Map<Mutiny.Transaction, AtomicBoolean> running = new ConcurrentHashMap<>();

    /**
     * Runs {@code work} in a Panache transaction and, once it commits, nudges the relay if the work appended rows.
     * Inside a transaction begun here already, {@code work} joins it and that one nudges. Rows appended in a
     * transaction begun elsewhere wait for the relay's next poll.
     */
    public <T> Uni<T> transaction(Supplier<Uni<T>> work) {
        AtomicBoolean appended = new AtomicBoolean();
        return Panache.withTransaction(() -> Panache.currentTransaction()
                .chain(transaction -> running.putIfAbsent(transaction, appended) != null
                        ? work.get()
                        : work.get().eventually(() -> {
                            running.remove(transaction);
                        })))
                .invoke(() -> {
                    if (appended.get()) {
                        relay.nudge();
                    }
                });
    }

    /** One event, in the current Hibernate Reactive transaction; see {@link OutboxRow#of} for the trace. */
    public Uni<Void> append(String topic, OrikaeshiEvent event, String traceParent) {
        return appendAll(List.of(OutboxRow.of(topic, event, traceParent)));
    }

    /** Many events in one statement (a batch's outcomes), in the current Hibernate Reactive transaction. */
    public Uni<Void> appendAll(List<OutboxRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.currentTransaction().chain(transaction -> {
            AtomicBoolean appended = transaction == null ? null : running.get(transaction);
            if (appended != null) {
                appended.set(true);
            }
            return Panache.getSession().chain(session -> session.createNativeQuery(APPEND)
                    .setParameter(1, json(rows))
                    .executeUpdate());
        }).replaceWithVoid();
    }

    /**
     * Many events in one statement on {@code connection}, in the transaction open on it; the relay is nudged once
     * that transaction commits.
     */
    public Uni<Void> appendAll(SqlConnection connection, List<OutboxRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(APPEND_SQL_CLIENT).execute(Tuple.of(json(rows)))
                .invoke(() -> nudgeAfterCommit(connection.transaction()))
                .replaceWithVoid();
    }

    private void nudgeAfterCommit(Transaction transaction) {
        if (transaction == null) {
            // No transaction open: the row is committed already.
            relay.nudge();
        } else {
            transaction.completion().subscribe().with(committed -> relay.nudge(), rolledBack -> {
            });
        }
    }

    private static String json(List<OutboxRow> rows) {
        try {
            return JSON.writeValueAsString(rows.stream().map(OutboxRow::columns).toList());
        } catch (JsonProcessingException e) {
            // Strings and nulls only: cannot happen.
            throw new IllegalStateException(e);
        }
    }
}
