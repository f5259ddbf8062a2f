package io.orikaeshi.reporting.support;

import io.orikaeshi.events.CallbackEscalated;
import io.orikaeshi.events.CallbackOverdue;
import io.orikaeshi.events.CallbackWarned;
import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.NotificationDeferred;
import io.orikaeshi.events.NotificationFailed;
import io.orikaeshi.events.NotificationSent;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.events.Topics;
import io.orikaeshi.infra.testing.InfraTestResource;
import io.orikaeshi.infra.testing.KafkaTestClient;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

/** Publishes events on the topic their producer writes, and waits for the asynchronous projections. */
public final class Stream {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaTestClient kafka;

    private Stream() {
    }

    private static synchronized KafkaTestClient kafka() {
        if (kafka == null) {
            kafka = new KafkaTestClient(InfraTestResource.infra().kafkaBootstrapServers());
        }
        return kafka;
    }

    /** Sends each event to the topic its producer writes: the scheduler's, notification-service's, else intake's. */
    public static void publish(OrikaeshiEvent... events) {
        for (OrikaeshiEvent event : events) {
            kafka().send(topicOf(event), event.key(), EventCodec.toJson(event));
        }
    }

    public static String topicOf(OrikaeshiEvent event) {
        if (event instanceof CallbackWarned || event instanceof CallbackOverdue || event instanceof CallbackEscalated) {
            return Topics.DEADLINE_EVENTS;
        }
        if (event instanceof NotificationSent || event instanceof NotificationDeferred
                || event instanceof NotificationFailed) {
            return Topics.NOTIFICATION_EVENTS;
        }
        return Topics.CALL_EVENTS;
    }

    public static KafkaTestClient client() {
        return kafka();
    }

    /**
     * Waits until the service's consumer group has committed every record of its three topics: after that, a
     * duplicate published before the call has been seen and (not) applied.
     */
    public static void awaitConsumed() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, InfraTestResource.infra().kafkaBootstrapServers());
        try (Admin admin = Admin.create(props)) {
            eventually(() -> {
                try {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin
                            .listConsumerGroupOffsets("reporting-service").partitionsToOffsetAndMetadata().get();
                    Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
                    for (String topic : List.of(Topics.CALL_EVENTS, Topics.DEADLINE_EVENTS,
                            Topics.NOTIFICATION_EVENTS)) {
                        for (int p = 0; p < Topics.PARTITIONS; p++) {
                            wanted.put(new TopicPartition(topic, p), OffsetSpec.latest());
                        }
                    }
                    var ends = admin.listOffsets(wanted).all().get();
                    ends.forEach((partition, end) -> {
                        OffsetAndMetadata done = committed.get(partition);
                        long position = done == null ? 0 : done.offset();
                        if (position < end.offset()) {
                            throw new AssertionError(partition + " consumed up to " + position + " of " + end.offset());
                        }
                    });
                } catch (InterruptedException | ExecutionException e) {
                    throw new AssertionError(e);
                }
            });
        }
    }

    /** Projections are asynchronous: retry the assertion until it holds or the wait is over. */
    public static void eventually(Runnable assertion) {
        Instant end = Instant.now().plus(WAIT);
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (Instant.now().isAfter(end)) {
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
