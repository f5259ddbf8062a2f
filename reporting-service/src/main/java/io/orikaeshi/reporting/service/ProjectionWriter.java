package io.orikaeshi.reporting.service;

import io.agroal.api.AgroalDataSource;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.kit.inbox.ProcessedEvents;
import io.orikaeshi.reporting.repository.Projections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Applies a batch of events in one transaction: one ledger insert claims the batch, a few multi-row statements
 * apply what was claimed, one commit makes it queryable. Blocking JDBC, called from worker threads.
 * The live consumer's batches and the rebuild's final switch-over exclude each other ({@link #whileLiveHeld}), so the
 * rebuild can catch up and swap the tables in while no live batch is half-applied.
 */
@ApplicationScoped
public class ProjectionWriter {

    /** A step of work on a connection that is inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    @Inject
    AgroalDataSource dataSource;
    @Inject
    ProcessedEvents ledger;
    @Inject
    Projections projections;
    private final ReentrantLock live = new ReentrantLock();

    /** The live consumer's path: into the read models the queries read. @return the events applied now */
    public List<OrikaeshiEvent> applyLive(List<OrikaeshiEvent> events) throws SQLException {
        live.lock();
        try {
            return apply(null, events);
        } finally {
            live.unlock();
        }
    }

    /** @param schema where the read models are (null: the live ones); @return the events applied now */
    public List<OrikaeshiEvent> apply(String schema, List<OrikaeshiEvent> events) throws SQLException {
        return inTransaction(schema, connection -> {
            List<OrikaeshiEvent> fresh = ledger.claim(connection, events);
            projections.apply(connection, fresh);
            return fresh;
        });
    }

    /** Something to do while no live batch is being applied. */
    @FunctionalInterface
    public interface Held<T> {
        T run() throws SQLException;
    }

    /** Runs the call while no live batch is being applied, and keeps the next one waiting until it is done. */
    public <T> T whileLiveHeld(Held<T> call) throws SQLException {
        live.lock();
        try {
            return call.run();
        } finally {
            live.unlock();
        }
    }

    /** @param schema whose tables unqualified names mean (null: the live ones) */
    public <T> T inTransaction(String schema, Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (schema != null) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("set local search_path to " + ReadModelSchemas.requireName(schema));
                    }
                }
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }
}
