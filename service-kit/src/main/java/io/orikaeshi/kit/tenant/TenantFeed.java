package io.orikaeshi.kit.tenant;

import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the {@link TenantDirectory} current from the tenant topic. Every instance reads every partition from the
 * start (no consumer group: each instance needs all tenants, and the compacted topic is small), then follows it.
 * Readiness waits for the first catch-up, so an instance never answers with yesterday's keys or calendars.
 */
@Singleton
public class TenantFeed {

    private static final Logger LOG = Logger.getLogger(TenantFeed.class);

    private final TenantDirectory directory;
    private final String bootstrapServers;
    private final boolean enabled;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean running;
    private Thread thread;

    public TenantFeed(TenantDirectory directory,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "orikaeshi.tenant-feed.enabled", defaultValue = "true") boolean enabled) {
        this.directory = directory;
        this.bootstrapServers = bootstrapServers;
        this.enabled = enabled;
    }

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            caughtUp.countDown();
            return;
        }
        running = true;
        thread = new Thread(this::follow, "tenant-feed");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            thread.join(5_000);
        }
    }

    public boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** For tests and startup ordering: waits until the topic has been read to its end once. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void follow() {
        while (running) {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(properties())) {
                consumer = c;
                List<TopicPartition> partitions = c.partitionsFor(Topics.TENANT_EVENTS, Duration.ofSeconds(30)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                if (partitions.isEmpty()) {
                    throw new IllegalStateException("the tenant topic does not exist yet");
                }
                c.assign(partitions);
                c.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = c.endOffsets(partitions);
                while (running) {
                    for (ConsumerRecord<String, String> record : c.poll(Duration.ofMillis(100))) {
                        apply(record);
                    }
                    if (caughtUp.getCount() > 0 && end.entrySet().stream()
                            .allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                        caughtUp.countDown();
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                // The broker may be down or the topic not yet created: keep the last known tenants and try again.
                LOG.warnf("Tenant feed interrupted (%s); retrying", e.getClass().getSimpleName());
                pause();
            }
        }
    }

    private void apply(ConsumerRecord<String, String> record) {
        try {
            directory.apply(EventCodec.tenantFromJson(record.value()));
        } catch (EventCodec.MalformedEventException e) {
            // A snapshot this version cannot read must not stop the others; the next good snapshot of the tenant wins.
            LOG.errorf("Skipping unreadable tenant snapshot at %s-%d@%d: %s",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    private Properties properties() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "tenant-feed");
        return props;
    }

    private void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
