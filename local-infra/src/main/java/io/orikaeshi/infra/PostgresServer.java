package io.orikaeshi.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * PostgreSQL from the zonky binaries jar, so no local installation is needed and it runs as root. The superuser is
 * only used here, to create the application role and its databases; services connect as that role.
 */
record PostgresServer(EmbeddedPostgres postgres, int port, Path log) implements AutoCloseable {

    static final String SETTINGS_ENV = "ORIKAESHI_POSTGRES_SETTINGS";

    static final String USER = "orikaeshi";
    static final String PASSWORD = "orikaeshi";

    /**
     * @param durable false for throw-away test data: skipping fsync saves ~5 ms per commit on this kind of disk
     */
    static PostgresServer start(int port, Path dataDir, boolean durable) {
        Path data = dataDir.resolve("postgres");
        Path log = dataDir.resolve("postgres.log");
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(data)
                    // Kept: initdb runs only when the directory holds no cluster yet, so a local run keeps its data.
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Server output goes to a file instead of our log: quiet console, still there when debugging.
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    // zonky's initdb uses trust authentication, so never listen beyond this machine.
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("max_connections", "200");
            if (!durable) {
                builder.setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off");
            }
            extraSettings().forEach(builder::setServerConfig);
            return new PostgresServer(builder.start(), port, log);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("PostgreSQL did not start on port " + port + "; see " + log, e);
        }
    }

    /**
     * Server settings from {@value #SETTINGS_ENV} ("name=value,name=value"), applied last: how a benchmark sizes the
     * server like a production one (shared_buffers) or logs slow statements, without a code change.
     */
    static Map<String, String> extraSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        String spec = System.getenv(SETTINGS_ENV);
        if (spec != null) {
            for (String pair : spec.split(",")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    settings.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
            }
        }
        return settings;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Idempotent, so a kept data directory or a second test class asking for the same database is fine. */
    void ensureDatabase(String database) {
        InfraSettings.checkDatabaseName(database);
        try (Connection c = connectAsSuperuser(); Statement statement = c.createStatement()) {
            // Names are checked against a strict pattern above; identifiers cannot be bound as parameters.
            statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + USER + "') THEN "
                    + "CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'; END IF; END $$");
            if (!exists(c, database)) {
                statement.execute("CREATE DATABASE " + database + " OWNER " + USER);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + database, e);
        }
    }

    private static boolean exists(Connection c, String database) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /**
     * Through the driver class rather than DriverManager: in a Quarkus test the driver may sit in a class loader
     * DriverManager does not consider visible from here.
     */
    private Connection connectAsSuperuser() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        Connection connection = new org.postgresql.Driver().connect(jdbcUrl("postgres"), props);
        if (connection == null) {
            throw new SQLException("Driver refused URL " + jdbcUrl("postgres"));
        }
        return connection;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL on port " + port + " did not stop cleanly; see " + log, e);
        }
    }
}
