package io.orikaeshi.reporting.service;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Read models built beside the live ones, in a schema of their own: created empty with this service's migrations,
 * filled by a rebuild or a replay, and (for a rebuild) swapped in for the live tables in one transaction, so a query
 * sees either the old model or the new one, never a half-built one.
 */
@ApplicationScoped
public class ReadModelSchemas {

    /** The tables a rebuild replaces; the ledger goes with them so that it matches what they contain. */
    static final String[] TABLES = {"call_log", "delivery_event", "message_log", "processed_event"};
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,30}");

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Flyway live;

    /** Drops the schema and creates the read models in it afresh, with the live schema's migrations. Blocking. */
    public void recreate(String schema) {
        requireName(schema);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop schema " + schema, e);
        }
        // The live configuration's locations (the service's and the kit's) and the resource provider that finds them.
        Flyway.configure().configuration(live.getConfiguration()).dataSource(dataSource).schemas(schema)
                .defaultSchema(schema).load().migrate();
    }

    /**
     * Drops the schema's secondary indexes (primary keys stay: the upserts need them), so that a bulk load does not
     * maintain them row by row. @return their definitions, for {@link #createIndexes}
     */
    public List<String> dropSecondaryIndexes(String schema) {
        requireName(schema);
        List<String> definitions = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement query = connection.prepareStatement("""
                    select i.relname, pg_get_indexdef(i.oid) from pg_index x
                    join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
                    join pg_namespace n on n.oid = t.relnamespace
                    where n.nspname = ? and not x.indisprimary and not x.indisunique""")) {
                query.setString(1, schema);
                List<String> names = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        names.add(rows.getString(1));
                        definitions.add(rows.getString(2));
                    }
                }
                try (Statement statement = connection.createStatement()) {
                    for (String name : names) {
                        statement.execute("drop index " + schema + "." + name);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the indexes of schema " + schema, e);
        }
        return definitions;
    }

    /** Builds indexes from their definitions: once over a loaded table is far cheaper than row by row. */
    public void createIndexes(List<String> definitions) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String definition : definitions) {
                statement.execute(definition);
            }
        }
    }

    /**
     * Replaces the live tables by the schema's, with their indexes, inside the caller's transaction; the schema is
     * dropped with it. Queries running meanwhile finish first (the drop waits for their locks).
     */
    static void swapIntoPublic(Connection connection, String schema) throws SQLException {
        requireName(schema);
        try (Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.execute("drop table public." + table);
                statement.execute("alter table " + schema + "." + table + " set schema public");
            }
            statement.execute("drop schema " + schema + " cascade");
        }
    }

    static String requireName(String schema) {
        if (schema == null || !NAME.matcher(schema).matches() || "public".equals(schema)) {
            throw new IllegalArgumentException("not a read-model schema name: " + schema);
        }
        return schema;
    }
}
