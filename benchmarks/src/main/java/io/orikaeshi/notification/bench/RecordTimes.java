package io.orikaeshi.notification.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Follows a topic from its end, on a thread of its own, and keeps each record key's (call id's) first timestamp:
 * the instant the producer created the record, i.e. when intake's outbox relay handed the event to Kafka.
 */
final class RecordTimes implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    private RecordTimes(KafkaConsumer<String, String> consumer, String topic) {
        this.consumer = consumer;
        consumer.subscribe(List.of(topic));
        this.thread = new Thread(this::loop, "record-times");
        thread.setDaemon(true);
        thread.start();
    }

    static RecordTimes follow(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-record-times-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new RecordTimes(new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer()), topic);
    }

    Map<String, Instant> snapshot() {
        return Map.copyOf(firstSeen);
    }

    private void loop() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null) {
                        firstSeen.putIfAbsent(record.key(), Instant.ofEpochMilli(record.timestamp()));
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }
}
