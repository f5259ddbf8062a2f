package io.orikaeshi.infra.testing;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/**
 * Plain Kafka clients for tests: write a record, or read a whole topic from the beginning. In a {@code @QuarkusTest}
 * class, {@link #onTestInfrastructure()} as a static {@code @RegisterExtension} field gives one for the whole class,
 * closed after it.
 */
public final class KafkaTestClient implements AutoCloseable, AfterAllCallback {

    private static final Duration POLL = Duration.ofMillis(100);

    private final Supplier<String> bootstrapServers;
    private KafkaProducer<String, String> producer;

    public KafkaTestClient(String bootstrap) {
        this.bootstrapServers = () -> bootstrap;
    }

    private KafkaTestClient(Supplier<String> bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * A client of {@link InfraTestResource}'s broker, looked up at first use: a static field is initialised before
     * the Quarkus test extension has started the infrastructure.
     */
    public static KafkaTestClient onTestInfrastructure() {
        return new KafkaTestClient(() -> InfraTestResource.infra().kafkaBootstrapServers());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Returns once the broker has acknowledged the record (acks=all). */
    public void send(String topic, String key, String value) {
        send(new ProducerRecord<>(topic, key, value));
    }

    /** A record with headers or a chosen partition; returns once acknowledged, with where it landed. */
    public RecordMetadata send(ProducerRecord<String, String> record) {
        try {
            return producer().send(record).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Sending to " + record.topic() + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending to " + record.topic(), e);
        }
    }

    /**
     * Reads the topic from the beginning until {@code count} records match, and returns the matches.
     *
     * @throws AssertionError on timeout, with how many records were read and matched (not their values)
     */
    public List<ConsumerRecord<String, String>> poll(String topic, Predicate<ConsumerRecord<String, String>> match,
            int count, Duration timeout) {
        List<ConsumerRecord<String, String>> matches = new ArrayList<>();
        int read = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = consumerAtBeginning(topic)) {
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    read++;
                    if (match.test(record)) {
                        matches.add(record);
                    }
                }
                if (matches.size() >= count) {
                    return matches;
                }
            }
        }
        throw new AssertionError("Expected " + count + " matching record(s) in " + topic + " within " + timeout
                + " but found " + matches.size() + " among " + read + " record(s)");
    }

    /** Everything in the topic: reads until no new record has arrived for {@code quietPeriod}. */
    public List<ConsumerRecord<String, String>> readAll(String topic, Duration quietPeriod) {
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumerAtBeginning(topic)) {
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < quietPeriod.toNanos()) {
                var records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    records.forEach(all::add);
                    quietSince = System.nanoTime();
                }
            }
        }
        return all;
    }

    /**
     * Assigned rather than subscribed: no group join or rebalance to wait for. The random group id only keeps
     * offsets from ever being shared with another reader; nothing is committed.
     */
    private KafkaConsumer<String, String> consumerAtBeginning(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers.get());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
        try {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (partitions == null || partitions.isEmpty()) {
                throw new IllegalArgumentException("Topic " + topic + " does not exist on " + bootstrapServers.get());
            }
            List<TopicPartition> assigned = partitions.stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            return consumer;
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers.get());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
