package io.orikaeshi.reporting.service;

import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.events.Topics;
import io.orikaeshi.kit.problem.ProblemException;
import io.orikaeshi.reporting.rest.RebuildStatus;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rebuilds the read models from offset 0 of the three topics while the service keeps answering and consuming:
 * a reader of its own (no consumer group) applies everything into an empty schema in large batches (its secondary
 * indexes are built once, after the bulk of it), catches up
 * with what arrived meanwhile, then, holding the live consumer back for the last catch-up only, swaps the rebuilt
 * tables in for the live ones in one transaction. The live consumer then goes on where it was; what the rebuild
 * already applied is in the rebuilt ledger and is skipped, so nothing is applied twice or missed.
 */
@ApplicationScoped
public class ReadModelRebuild {

    static final String SCHEMA = "rebuilding";
    static final List<String> TOPICS = List.of(Topics.CALL_EVENTS, Topics.DEADLINE_EVENTS, Topics.NOTIFICATION_EVENTS);
    private static final Logger LOG = Logger.getLogger(ReadModelRebuild.class);
    private static final int BATCH = 5_000;
    /** Catch up without holding the live consumer until at most this many records are left. */
    private static final long LEFT_FOR_THE_SWITCH = 20_000;
    private static final Duration POLL = Duration.ofMillis(200);
    /** Parsed batches waiting for the database: enough to ride out a slow poll, few enough to bound the memory. */
    private static final int QUEUED_BATCHES = 2;

    private final ReadModelSchemas schemas;
    private final ProjectionWriter writer;
    private final String bootstrapServers;
    private final AtomicReference<RebuildStatus> status = new AtomicReference<>(RebuildStatus.idle());
    private final ExecutorService runner = daemon("read-model-rebuild");
    private final ExecutorService reader = daemon("read-model-rebuild-reader");

    public ReadModelRebuild(ReadModelSchemas schemas, ProjectionWriter writer,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.schemas = schemas;
        this.writer = writer;
        this.bootstrapServers = bootstrapServers;
    }

    public RebuildStatus status() {
        return status.get();
    }

    /** Starts a rebuild in the background. @throws ProblemException 409 when one is running */
    public RebuildStatus start() {
        RebuildStatus current = status.get();
        RebuildStatus started = RebuildStatus.started(Instant.now());
        if (current.running() || !status.compareAndSet(current, started)) {
            throw ProblemException.conflict("A rebuild is already running; follow it at GET /admin/rebuild");
        }
        runner.execute(this::run);
        return started;
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
        reader.shutdownNow();
    }

    private static ExecutorService daemon(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    private void run() {
        Progress progress = new Progress(status.get().startedAt());
        try {
            long phase = System.nanoTime();
            schemas.recreate(SCHEMA);
            LOG.infof("Rebuild: schema created in %d ms", (System.nanoTime() - phase) / 1_000_000);
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties())) {
                List<TopicPartition> partitions = new ArrayList<>();
                TOPICS.forEach(topic -> consumer.partitionsFor(topic)
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition()))));
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                List<String> indexes = schemas.dropSecondaryIndexes(SCHEMA);
                readUpTo(consumer, consumer.endOffsets(partitions), progress);
                phase = System.nanoTime();
                schemas.createIndexes(indexes);
                LOG.infof("Rebuild: %d records read and applied, indexes built in %d ms", progress.read,
                        (System.nanoTime() - phase) / 1_000_000);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                while (left(consumer, end) > LEFT_FOR_THE_SWITCH) {
                    readUpTo(consumer, end, progress);
                    end = consumer.endOffsets(partitions);
                }
                // Every batch the live consumer has applied is in the log below these ends: the rebuilt ledger then
                // holds all of it, and whatever the live consumer applies after the swap is newer or skipped.
                writer.whileLiveHeld(() -> {
                    readUpTo(consumer, consumer.endOffsets(partitions), progress);
                    return writer.inTransaction(null, connection -> {
                        ReadModelSchemas.swapIntoPublic(connection, SCHEMA);
                        return null;
                    });
                });
            }
            status.set(progress.finished(null));
            LOG.infof("Read models rebuilt from offset 0: %d records read, %d events applied, %d skipped in %d ms: "
                    + "%d ms in applying transactions; meanwhile the reader spent %d ms polling and %d ms parsing",
                    progress.read, progress.applied, progress.skipped,
                    Duration.between(progress.startedAt, Instant.now()).toMillis(), progress.databaseNanos / 1_000_000,
                    progress.pollNanos / 1_000_000, progress.parseNanos / 1_000_000);
        } catch (Exception e) {
            // The live tables are untouched unless the swap itself committed; the half-built schema is left to the next run.
            String reason = e.getClass().getSimpleName()
                    + (e instanceof SQLException sql ? " " + sql.getSQLState() : "");
            status.set(progress.finished(reason));
            LOG.errorf("Read model rebuild failed after %d records: %s", progress.read, reason);
        }
    }

    /**
     * Reads up to the given offsets on a second thread, which polls Kafka and parses batches into a short queue while
     * this thread applies the previous batch: reading and parsing then overlap the database work instead of adding
     * to it. Only the reader touches the consumer until it has stopped; the counters are kept by this thread alone.
     */
    private void readUpTo(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end, Progress progress)
            throws SQLException {
        BlockingQueue<Parsed> parsed = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        AtomicBoolean abandoned = new AtomicBoolean();
        Future<?> reading = reader.submit(() -> {
            read(consumer, end, parsed, abandoned);
            return null;
        });
        try {
            for (Parsed batch = next(parsed, reading); batch != Parsed.END; batch = next(parsed, reading)) {
                progress.read += batch.records();
                progress.skipped += batch.malformed();
                progress.pollNanos += batch.pollNanos();
                progress.parseNanos += batch.parseNanos();
                apply(batch.events(), progress);
                status.set(progress.running());
            }
        } finally {
            abandoned.set(true);
            awaitStopped(reading);
        }
    }

    private static void read(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end,
            BlockingQueue<Parsed> parsed, AtomicBoolean abandoned) throws InterruptedException {
        Parsed.Builder batch = new Parsed.Builder(BATCH);
        while (left(consumer, end) > 0) {
            long polling = System.nanoTime();
            ConsumerRecords<String, String> records = consumer.poll(POLL);
            batch.pollNanos += System.nanoTime() - polling;
            for (ConsumerRecord<String, String> record : records) {
                batch.add(record.value());
                if (batch.events.size() >= BATCH && !hand(batch.build(), parsed, abandoned)) {
                    return;
                }
            }
        }
        if (hand(batch.build(), parsed, abandoned)) {
            hand(Parsed.END, parsed, abandoned);
        }
    }

    /** @return false when the applying side gave up, so the reader stops instead of waiting for room forever */
    private static boolean hand(Parsed batch, BlockingQueue<Parsed> parsed, AtomicBoolean abandoned)
            throws InterruptedException {
        while (!parsed.offer(batch, 100, TimeUnit.MILLISECONDS)) {
            if (abandoned.get()) {
                return false;
            }
        }
        return true;
    }

    /** The next parsed batch; a reader that failed fails the rebuild with its exception. */
    private static Parsed next(BlockingQueue<Parsed> parsed, Future<?> reading) {
        try {
            while (true) {
                Parsed batch = parsed.poll(100, TimeUnit.MILLISECONDS);
                if (batch != null) {
                    return batch;
                }
                // A reader that finished normally queued END before finishing, so done-and-empty means it failed.
                if (reading.isDone() && parsed.isEmpty()) {
                    reading.get();
                    throw new IllegalStateException("the rebuild's reader stopped before the end of the topics");
                }
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime
                    ? runtime
                    : new IllegalStateException("the rebuild's reader failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("rebuild interrupted", e);
        }
    }

    private static void awaitStopped(Future<?> reading) {
        try {
            reading.get();
        } catch (ExecutionException e) {
            // Already reported by next(), or irrelevant once the applying side has failed.
        } catch (InterruptedException e) {
            reading.cancel(true);
            Thread.currentThread().interrupt();
        }
    }

    /** A batch that fails is applied event by event; an event that fails alone is skipped, as live dead-lettered it. */
    private void apply(List<OrikaeshiEvent> batch, Progress progress) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        try {
            progress.applied += writer.apply(SCHEMA, batch).size();
            progress.databaseNanos += System.nanoTime() - start;
        } catch (SQLException batchFailure) {
            for (OrikaeshiEvent event : batch) {
                try {
                    progress.applied += writer.apply(SCHEMA, List.of(event)).size();
                } catch (SQLException e) {
                    progress.skipped++;
                    LOG.warnf("Rebuild skips %s %s: %s %s", event.type(), event.eventId(),
                            e.getClass().getSimpleName(), e.getSQLState());
                }
            }
        }
        batch.clear();
    }

    private static long left(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        long left = 0;
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            left += Math.max(0, partition.getValue() - consumer.position(partition.getKey()));
        }
        return left;
    }

    private Properties consumerProperties() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "reporting-service-rebuild");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(BATCH));
        // Fewer, larger fetches: the rebuild reads whole partitions from the start.
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 * 1024 * 1024));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return props;
    }

    /** A batch as the reader hands it over: the events parsed from its records, and what reading them cost. */
    private record Parsed(List<OrikaeshiEvent> events, int records, int malformed, long pollNanos, long parseNanos) {

        static final Parsed END = new Parsed(List.of(), 0, 0, 0, 0);

        /** Filled by the reader thread only. */
        static final class Builder {
            final int capacity;
            List<OrikaeshiEvent> events;
            int records;
            int malformed;
            long pollNanos;
            long parseNanos;

            Builder(int capacity) {
                this.capacity = capacity;
                this.events = new ArrayList<>(capacity);
            }

            void add(String json) {
                long start = System.nanoTime();
                records++;
                try {
                    events.add(EventCodec.fromJson(json));
                } catch (EventCodec.MalformedEventException e) {
                    malformed++;
                }
                parseNanos += System.nanoTime() - start;
            }

            /** The batch so far; the builder starts an empty one. */
            Parsed build() {
                Parsed batch = new Parsed(events, records, malformed, pollNanos, parseNanos);
                events = new ArrayList<>(capacity);
                records = 0;
                malformed = 0;
                pollNanos = 0;
                parseNanos = 0;
                return batch;
            }
        }
    }

    /** Counters of the running rebuild, written by its one thread and published as snapshots. */
    private static final class Progress {
        final Instant startedAt;
        long read;
        long applied;
        long skipped;
        long databaseNanos;
        long pollNanos;
        long parseNanos;

        Progress(Instant startedAt) {
            this.startedAt = startedAt;
        }

        RebuildStatus running() {
            return new RebuildStatus(RebuildStatus.State.RUNNING, startedAt, null, read, applied, skipped,
                    rate(Instant.now()), null);
        }

        RebuildStatus finished(String error) {
            Instant now = Instant.now();
            return new RebuildStatus(error == null ? RebuildStatus.State.SUCCEEDED : RebuildStatus.State.FAILED,
                    startedAt, now, read, applied, skipped, rate(now), error);
        }

        private long rate(Instant now) {
            long millis = Math.max(1, Duration.between(startedAt, now).toMillis());
            return read * 1000 / millis;
        }
    }
}
