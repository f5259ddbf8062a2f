package io.orikaeshi.kit.deadletter;

import io.orikaeshi.events.Topics;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * This service's dead-letter topic, read and written with plain Kafka clients: the SmallRye channels consume
 * continuously in a group, while listing must read the topic's current contents on demand.
 *
 * <p>Reads assign every partition (no consumer group, nothing committed) and go from a start offset to the end
 * offsets taken when the read began, so one read is a consistent, bounded view. One consumer and one producer are kept
 * for the service's life (each new Kafka client logs its whole configuration; the gauge reads every 30 s).
 */
@Singleton
@IfBuildProperty(name = "orikaeshi.dead-letters.enabled", stringValue = "true")
public class DeadLetterTopic {

    private static final Duration POLL = Duration.ofMillis(100);

    private final String name;
    private final DeadLetterConfig config;
    private final Properties consumerProps = new Properties();
    private final Properties producerProps = new Properties();
    private KafkaConsumer<String, String> consumer;
    private KafkaProducer<String, String> producer;

    public DeadLetterTopic(DeadLetterConfig config, @ConfigProperty(name = "quarkus.application.name") String service,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.name = Topics.deadLetter(service);
        this.config = config;
        int timeout = (int) config.kafkaTimeout().toMillis();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, service + "-dead-letter-reader");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Listing must never create the topic: a service that never parked anything simply has nothing to list.
        consumerProps.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        consumerProps.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
        consumerProps.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
        // A fetch that reaches the end of a partition should not wait for more: a read stops at the end offsets.
        consumerProps.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, service + "-dead-letter-writer");
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producerProps.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        producerProps.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
        producerProps.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    }

    public String name() {
        return name;
    }

    /** The newest {@link DeadLetterConfig#window()} records of each partition. */
    public synchronized Contents newest() {
        return guarded("read", () -> {
            List<TopicPartition> partitions = partitions();
            Map<TopicPartition, Long> begins = consumer().beginningOffsets(partitions);
            Map<TopicPartition, Long> ends = consumer().endOffsets(partitions);
            Map<TopicPartition, Long> from = new HashMap<>();
            boolean complete = true;
            for (TopicPartition p : partitions) {
                long start = Math.max(begins.get(p), ends.get(p) - config.window());
                complete &= start == begins.get(p);
                from.put(p, start);
            }
            return read(from, ends, complete);
        });
    }

    /**
     * The one partition the id names, from the id's offset on: the parked record and, later in the same partition,
     * its marker if it was resolved (markers go to the parked record's partition). Empty when the id is out of range.
     */
    public synchronized Contents from(DeadLetterId id) {
        return guarded("read", () -> {
            TopicPartition partition = new TopicPartition(name, id.partition());
            if (partitions().stream().noneMatch(partition::equals)) {
                return new Contents(List.of(), Map.of(), true);
            }
            long begin = consumer().beginningOffsets(List.of(partition)).get(partition);
            long end = consumer().endOffsets(List.of(partition)).get(partition);
            if (id.offset() < begin || id.offset() >= end) {
                return new Contents(List.of(), Map.of(), true);
            }
            return read(Map.of(partition, id.offset()), Map.of(partition, end), true);
        });
    }

    /** Sends the marker to the parked record's partition and returns once the broker has it. */
    public void resolve(Resolution resolution) {
        send("record a resolution", new ProducerRecord<>(name, resolution.id().partition(),
                resolution.id().toString(), "", resolution.headers()));
    }

    /** Sends the parked value back to its original topic, keyed as it was, and returns once the broker has it. */
    public void replay(ParkedRecord record) {
        // By key, as the original producer sent it, so it lands with the rest of its call's events.
        send("replay", new ProducerRecord<>(record.originTopic(), null, record.key(), record.value(),
                DeadLetterHeaders.forReplay(record.headers(), record.id().replayOf(name))));
    }

    private Contents read(Map<TopicPartition, Long> from, Map<TopicPartition, Long> ends, boolean complete) {
        KafkaConsumer<String, String> c = consumer();
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        Set<TopicPartition> open = new HashSet<>();
        from.forEach((p, start) -> {
            if (start < ends.get(p)) {
                open.add(p);
            }
        });
        // Every partition stays assigned (see partitions()); those this read does not need stay paused.
        c.pause(c.assignment());
        c.resume(open);
        open.forEach(p -> c.seek(p, from.get(p)));
        long deadline = System.nanoTime() + config.kafkaTimeout().toNanos();
        try {
            while (!open.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new DeadLetterTopicUnavailable("Reading " + name + " took longer than "
                            + config.kafkaTimeout(), null);
                }
                for (ConsumerRecord<String, String> r : c.poll(POLL)) {
                    if (r.offset() < ends.get(new TopicPartition(r.topic(), r.partition()))) {
                        records.add(r);
                    }
                }
                Set<TopicPartition> done = new HashSet<>();
                open.removeIf(p -> c.position(p) >= ends.get(p) && done.add(p));
                c.pause(done);
            }
        } finally {
            c.pause(c.assignment());
        }
        return contentsOf(records, complete);
    }

    private static Contents contentsOf(List<ConsumerRecord<String, String>> records, boolean complete) {
        List<ParkedRecord> parked = new ArrayList<>();
        Map<DeadLetterId, Resolution> resolutions = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            if (Resolution.isMarker(r.headers())) {
                // The first marker wins: a later one (a second instance racing) changes nothing already resolved.
                Resolution.of(r.key(), r.headers()).ifPresent(res -> resolutions.putIfAbsent(res.id(), res));
            } else {
                parked.add(ParkedRecord.of(r));
            }
        }
        parked.sort(Comparator.comparing((ParkedRecord p) -> p.id().partition()).thenComparing(p -> p.id().offset()));
        return new Contents(List.copyOf(parked), Map.copyOf(resolutions), complete);
    }

    /**
     * The topic's partitions, all assigned to the reader. They stay assigned between reads: asking a consumer for the
     * offsets of partitions it was just unassigned from logs a warning per partition.
     */
    private List<TopicPartition> partitions() {
        List<PartitionInfo> infos = consumer().partitionsFor(name);
        List<TopicPartition> partitions = infos == null
                ? List.of()
                : infos.stream().map(i -> new TopicPartition(name, i.partition())).toList();
        if (!consumer().assignment().equals(new HashSet<>(partitions))) {
            consumer().assign(partitions);
            consumer().pause(partitions);
        }
        return partitions;
    }

    private void send(String what, ProducerRecord<String, String> record) {
        guarded(what, () -> {
            Future<?> ack = producer().send(record);
            try {
                return ack.get(config.kafkaTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof KafkaException k ? k : new KafkaException(e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                throw new KafkaException("no acknowledgement in time", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException("interrupted", e);
            }
        });
    }

    private interface KafkaCall<T> {
        T call();
    }

    private <T> T guarded(String what, KafkaCall<T> call) {
        try {
            return call.call();
        } catch (KafkaException e) {
            throw new DeadLetterTopicUnavailable("Could not " + what + " on " + name + ": " + e, e);
        }
    }

    private KafkaConsumer<String, String> consumer() {
        if (consumer == null) {
            consumer = new KafkaConsumer<>(consumerProps);
        }
        return consumer;
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerProps);
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (consumer != null) {
            consumer.close();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
        }
    }
}
