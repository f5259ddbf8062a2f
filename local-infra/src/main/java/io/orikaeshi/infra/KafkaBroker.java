package io.orikaeshi.infra;

import io.orikaeshi.events.Topics;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A single-node KRaft cluster (broker and controller in one server) running inside this JVM. The configuration is
 * kept so {@link #stop()} and {@link #start()} bring it back on the same ports with the same data.
 */
final class KafkaBroker {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final int port;
    private final Path dir;
    private final Properties config;
    private KafkaRaftServer server;

    private KafkaBroker(int port, Path dir, Properties config) {
        this.port = port;
        this.dir = dir;
        this.config = config;
    }

    static KafkaBroker create(int port, int controllerPort, Path dir) {
        Path logDir = dir.resolve("logs");
        return new KafkaBroker(port, dir, serverConfig(port, controllerPort, logDir));
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    synchronized void start() {
        if (server != null) {
            return;
        }
        formatStorage();
        KafkaRaftServer started = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        try {
            started.startup();
        } catch (RuntimeException e) {
            shutdown(started);
            throw new IllegalStateException("Kafka did not start on " + bootstrapServers(), e);
        }
        server = started;
        awaitLeaders();
    }

    synchronized void stop() {
        if (server != null) {
            KafkaRaftServer stopping = server;
            server = null;
            shutdown(stopping);
        }
    }

    /** Creates what is missing; a topic that already exists (a kept data dir, a second call) is left as it is. */
    void createTopics(Collection<String> topics, int partitions) {
        if (topics.isEmpty()) {
            return;
        }
        List<NewTopic> wanted = topics.stream().map(name -> new NewTopic(name, partitions, (short) 1)
                .configs(Topics.settings(name))).toList();
        try (Admin admin = admin()) {
            for (var result : admin.createTopics(wanted).values().entrySet()) {
                try {
                    result.getValue().get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + result.getKey(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating topics on " + bootstrapServers(), e);
        }
        awaitLeaders();
    }

    /**
     * startup() returns before every partition has a leader again after a restart; a client arriving in that gap
     * gets NOT_LEADER errors and retries, but tests read "started" as "usable", so wait for the leaders here.
     */
    private void awaitLeaders() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Exception last = null;
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                try {
                    Set<String> names = admin.listTopics().names().get(5, TimeUnit.SECONDS);
                    if (names.isEmpty() || allHaveLeaders(admin.describeTopics(names).allTopicNames()
                            .get(5, TimeUnit.SECONDS))) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        }
        throw new IllegalStateException("Kafka on " + bootstrapServers() + " not ready within " + READY_TIMEOUT, last);
    }

    private static boolean allHaveLeaders(Map<String, TopicDescription> topics) {
        return topics.values().stream()
                .flatMap(topic -> topic.partitions().stream())
                .map(TopicPartitionInfo::leader)
                .allMatch(leader -> leader != null && !leader.isEmpty());
    }

    private Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "local-infra-admin");
        return Admin.create(props);
    }

    /**
     * Only for an empty log dir: a formatted one (restart, kept data dir) carries its cluster id, which a second
     * format with a new id would reject. StorageTool.main would exit the JVM; execute returns a code instead.
     */
    private void formatStorage() {
        if (Files.exists(dir.resolve("logs").resolve("meta.properties"))) {
            return;
        }
        Path file = dir.resolve("server.properties");
        try {
            Files.createDirectories(dir);
            try (OutputStream out = Files.newOutputStream(file)) {
                config.store(out,
                        "Written by local-infra for kafka-storage format; the broker itself reads the same values from memory");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exitCode = StorageTool.execute(new String[]{
                    "format", "--cluster-id", Uuid.randomUuid().toString(), "--config", file.toString()}, print);
        }
        if (exitCode != 0) {
            throw new IllegalStateException("Formatting Kafka storage in " + dir + " failed (" + exitCode + "): "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }

    private static void shutdown(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            // The broker may already be half down after a failed start; there is nothing more to release.
        }
    }

    private static Properties serverConfig(int port, int controllerPort, Path logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());

        // One node: every internal topic must be satisfiable with a single replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");

        // Fewer internal partitions and threads: the first consumer group otherwise waits for 50 offsets
        // partitions to be created, and the broker shares 2 cores with PostgreSQL and four services.
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.num.partitions", "10");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("background.threads", "4");
        p.put("log.cleaner.threads", "1");
        // Default 128 MiB, allocated on the heap of whatever JVM hosts us (a test JVM with -Xmx768m).
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));

        // Tests and services join groups right after start; no reason to wait for more members.
        p.put("group.initial.rebalance.delay.ms", "0");
        // Topics are created up front, so a typo in a topic name fails loudly instead of creating a new topic.
        p.put("auto.create.topics.enable", "false");
        return p;
    }

    @Override
    public String toString() {
        return "Kafka " + bootstrapServers() + " (" + dir + ")";
    }
}
