package io.orikaeshi.scheduler;

import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.events.Topics;
import io.orikaeshi.infra.testing.InfraTestResource;
import io.orikaeshi.infra.testing.KafkaTestClient;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.List;

/**
 * Publishes call events and reads what the scheduler emitted, for one call at a time. A test class registers one as
 * a static {@code @RegisterExtension} field: it connects once the class's Quarkus test resources are up (they start
 * in the {@code @QuarkusTest} extension, which runs before it) and disconnects after the class.
 */
final class DeadlineEventStream implements BeforeAllCallback, AfterAllCallback {

    static final Duration WAIT = Duration.ofSeconds(20);

    private KafkaTestClient kafka;

    @Override
    public void beforeAll(ExtensionContext context) {
        kafka = new KafkaTestClient(InfraTestResource.infra().kafkaBootstrapServers());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        kafka.close();
    }

    void publish(OrikaeshiEvent event) {
        kafka.send(Topics.CALL_EVENTS, event.key(), EventCodec.toJson(event));
    }

    /** Waits until the scheduler has emitted {@code count} events for the call, and returns them in order. */
    List<OrikaeshiEvent> await(String callId, int count) {
        return kafka.poll(Topics.DEADLINE_EVENTS, r -> callId.equals(r.key()), count, WAIT).stream()
                .map(r -> EventCodec.fromJson(r.value())).toList();
    }

    /** Waits until the scheduler has emitted {@code count} events of one type for the call, and returns them. */
    <E extends OrikaeshiEvent> List<E> await(String callId, Class<E> type, int count) {
        return kafka.poll(Topics.DEADLINE_EVENTS, r -> callId.equals(r.key())
                && type.isInstance(EventCodec.fromJson(r.value())), count, WAIT).stream()
                .map(r -> type.cast(EventCodec.fromJson(r.value()))).toList();
    }

    /** Everything emitted for the call so far, once the topic has been quiet for {@code quiet}. */
    List<OrikaeshiEvent> all(String callId, Duration quiet) {
        return kafka.readAll(Topics.DEADLINE_EVENTS, quiet).stream().filter(r -> callId.equals(r.key()))
                .map(r -> EventCodec.fromJson(r.value())).toList();
    }

    KafkaTestClient kafka() {
        return kafka;
    }
}
