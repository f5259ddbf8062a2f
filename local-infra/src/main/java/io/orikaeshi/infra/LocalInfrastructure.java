package io.orikaeshi.infra;

import io.orikaeshi.events.Topics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Real Kafka (KRaft, in this JVM), PostgreSQL (an embedded-binaries child process) and SMTP (GreenMail, in this
 * JVM) for tests and the local run, without Docker. Everything listens on 127.0.0.1 only.
 */
public final class LocalInfrastructure implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalInfrastructure.class.getName());

    private final InfraSettings settings;
    private final KafkaBroker kafka;
    private volatile PostgresServer postgres;
    private final MailCatcher mail;
    private final MailboxHttpServer mailbox;
    private boolean closed;

    private LocalInfrastructure(InfraSettings settings, KafkaBroker kafka, PostgresServer postgres, MailCatcher mail,
            MailboxHttpServer mailbox) {
        this.settings = settings;
        this.kafka = kafka;
        this.postgres = postgres;
        this.mail = mail;
        this.mailbox = mailbox;
    }

    /**
     * Starts all servers, then creates the topics and databases that do not exist yet. PostgreSQL starts on another
     * thread while the broker starts on this one: they are independent and each takes a few seconds.
     */
    public static LocalInfrastructure start(InfraSettings requested) {
        QuietLogs.apply();
        InfraSettings settings = requested.withPorts(Ports.orFree(requested.kafkaPort()),
                Ports.orFree(requested.postgresPort()), Ports.orFree(requested.smtpPort()),
                Ports.orFree(requested.mailboxHttpPort()));
        try {
            Files.createDirectories(settings.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + settings.dataDir(), e);
        }
        List<Runnable> undo = new ArrayList<>();
        CompletableFuture<PostgresServer> postgresStart = CompletableFuture.supplyAsync(
                () -> startPostgres(settings), LocalInfrastructure::onOwnThread);
        try {
            MailCatcher mail = MailCatcher.start(settings.smtpPort());
            undo.add(mail::stop);
            MailboxHttpServer mailbox = MailboxHttpServer.start(settings.mailboxHttpPort(), mail);
            undo.add(mailbox::stop);
            KafkaBroker kafka = KafkaBroker.create(settings.kafkaPort(), Ports.free(),
                    settings.dataDir().resolve("kafka"));
            undo.add(kafka::stop);
            kafka.start();
            kafka.createTopics(settings.topics(), Topics.PARTITIONS);
            PostgresServer postgres = joinUnwrapped(postgresStart);
            return new LocalInfrastructure(settings, kafka, postgres, mail, mailbox);
        } catch (RuntimeException | Error e) {
            for (int i = undo.size() - 1; i >= 0; i--) {
                runQuietly(undo.get(i));
            }
            // Wait for PostgreSQL even though we give up: a postmaster left running would outlive this JVM.
            postgresStart.handle((pg, failure) -> {
                if (pg != null) {
                    runQuietly(pg::close);
                }
                return null;
            }).join();
            throw e;
        }
    }

    private static PostgresServer startPostgres(InfraSettings settings) {
        PostgresServer pg = PostgresServer.start(settings.postgresPort(), settings.dataDir(), !settings.temporary());
        try {
            settings.databases().forEach(pg::ensureDatabase);
            return pg;
        } catch (RuntimeException e) {
            runQuietly(pg::close);
            throw e;
        }
    }

    /** Not the common pool: keep the caller's context class loader, which in a Quarkus test sees our resources. */
    private static void onOwnThread(Runnable task) {
        Thread thread = new Thread(task, "local-infra-postgres-start");
        thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        thread.setDaemon(true);
        thread.start();
    }

    private static PostgresServer joinUnwrapped(CompletableFuture<PostgresServer> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** The settings with the ports actually in use (never 0). */
    public InfraSettings settings() {
        return settings;
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /**
     * What a service needs to use these servers, as configuration properties: Kafka, its database (both drivers) and
     * the SMTP server (plain, as the local one speaks no TLS).
     */
    public Map<String, String> serviceConfig(String database) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", kafkaBootstrapServers());
        config.put("quarkus.datasource.username", dbUsername());
        config.put("quarkus.datasource.password", dbPassword());
        config.put("quarkus.datasource.reactive.url", reactiveUrl(database));
        config.put("quarkus.datasource.jdbc.url", jdbcUrl(database));
        config.put("quarkus.mailer.host", "127.0.0.1");
        config.put("quarkus.mailer.port", String.valueOf(smtpPort()));
        config.put("quarkus.mailer.tls", "false");
        config.put("quarkus.mailer.start-tls", "DISABLED");
        return config;
    }

    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    /** The form the Quarkus reactive PostgreSQL client expects. */
    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + postgres.port() + "/" + database;
    }

    public String dbUsername() {
        return PostgresServer.USER;
    }

    public String dbPassword() {
        return PostgresServer.PASSWORD;
    }

    /** Creates another database owned by {@link #dbUsername()}; nothing happens if it exists. */
    public void createDatabase(String database) {
        postgres.ensureDatabase(database);
    }

    public int smtpPort() {
        return mail.port();
    }

    public String mailboxUrl() {
        return "http://127.0.0.1:" + mailbox.port() + "/";
    }

    public MailCatcher mail() {
        return mail;
    }

    /** Shuts the broker down as a crash-free stop would; clients see it unreachable until {@link #startKafka()}. */
    public void stopKafka() {
        kafka.stop();
    }

    /** Same port, same data; returns once every partition has a leader again. */
    public void startKafka() {
        kafka.start();
    }

    /** Shuts PostgreSQL down (a fast shutdown: sessions are ended); clients see it unreachable until {@link #restartPostgres()}. */
    public synchronized void stopPostgres() {
        postgres.close();
    }

    /** Same port, same data directory (kept across the stop), same settings. */
    public synchronized void restartPostgres() {
        postgres = PostgresServer.start(settings.postgresPort(), settings.dataDir(), !settings.temporary());
    }

    /** Stops everything; failures are logged, never thrown, so a test's own failure stays the visible one. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        runQuietly(mailbox::stop);
        runQuietly(mail::stop);
        runQuietly(kafka::stop);
        runQuietly(postgres::close);
        if (settings.temporary()) {
            TempDirs.deleteQuietly(settings.dataDir());
        }
    }

    private static void runQuietly(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Ignoring a failure while stopping local infrastructure", e);
        }
    }

    @Override
    public String toString() {
        return "LocalInfrastructure[kafka=" + kafkaBootstrapServers() + ", postgres=" + postgres.port()
                + ", smtp=" + smtpPort() + ", mailbox=" + mailboxUrl() + ", data=" + settings.dataDir() + "]";
    }
}
