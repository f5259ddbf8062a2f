package io.orikaeshi.infra;

import io.orikaeshi.events.Topics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to start. A port of 0 means "pick a free port"; the chosen ports are fixed for the lifetime of the
 * {@link LocalInfrastructure}, so the broker can be restarted on the same address.
 *
 * @param dataDir   where Kafka logs and PostgreSQL data live; created if missing, and kept between runs unless it
 *                  was made by {@link #forTests(List)}
 * @param databases PostgreSQL databases to create, owned by the application user (one per service)
 * @param topics    Kafka topics to create with {@link Topics#PARTITIONS} partitions and replication factor 1
 */
public record InfraSettings(int kafkaPort, int postgresPort, int smtpPort, int mailboxHttpPort,
        Path dataDir, List<String> databases, List<String> topics) {

    /** Database names are spliced into SQL as identifiers, so only plain lower-case names are accepted. */
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /** A dataDir holding this file was created for one run only and is deleted when the infrastructure closes. */
    static final String TEMPORARY_MARKER = ".orikaeshi-temporary";

    public InfraSettings {
        checkPort("kafkaPort", kafkaPort);
        checkPort("postgresPort", postgresPort);
        checkPort("smtpPort", smtpPort);
        checkPort("mailboxHttpPort", mailboxHttpPort);
        Objects.requireNonNull(dataDir, "dataDir");
        databases = List.copyOf(databases);
        topics = List.copyOf(topics);
        databases.forEach(InfraSettings::checkDatabaseName);
    }

    /** Free ports, a fresh temporary data directory (removed on close) and every topic of the system. */
    public static InfraSettings forTests(List<String> databases) {
        try {
            Path dir = Files.createTempDirectory("orikaeshi-infra-");
            Files.createFile(dir.resolve(TEMPORARY_MARKER));
            return new InfraSettings(0, 0, 0, 0, dir, databases, Topics.all());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary data directory", e);
        }
    }

    boolean temporary() {
        return Files.exists(dataDir.resolve(TEMPORARY_MARKER));
    }

    InfraSettings withPorts(int kafka, int postgres, int smtp, int mailboxHttp) {
        return new InfraSettings(kafka, postgres, smtp, mailboxHttp, dataDir, databases, topics);
    }

    static void checkDatabaseName(String name) {
        if (name == null || !DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Database name must match " + DATABASE_NAME + ": " + name);
        }
    }

    private static void checkPort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " out of range: " + port);
        }
    }
}
