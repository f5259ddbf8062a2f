package io.orikaeshi.kit.inbox;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;

/**
 * Parks a record that can never be applied on the service's dead-letter topic ({@code dead-letters} channel): its
 * key, value and headers as they came, plus why and from where, in the header names SmallRye's own dead-letter
 * strategy uses, so the dead-letter workflow can show it and put it back where it came from.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String REASON = "dead-letter-reason";
    public static final String CAUSE = "dead-letter-cause";
    public static final String SERVICE = "dead-letter-service";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final MutinyEmitter<String> emitter;
    private final String service;

    public DeadLetters(@Channel("dead-letters") MutinyEmitter<String> emitter,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.emitter = emitter;
        this.service = service;
    }

    /**
     * Completes when the broker has the record. The reason names the failure, never the payload (personal data).
     *
     * @param cause the failure's class, or null for a record that is not an event at all
     */
    public Uni<Void> park(ConsumerRecord<String, String> record, String reason, Throwable cause) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith("dead-letter-")) {
                headers.add(header);
            }
        }
        headers.add(REASON, bytes(reason));
        if (cause != null) {
            headers.add(CAUSE, bytes(cause.getClass().getSimpleName()));
        }
        headers.add(SERVICE, bytes(service));
        headers.add(TOPIC, bytes(record.topic()));
        headers.add(PARTITION, bytes(String.valueOf(record.partition())));
        headers.add(OFFSET, bytes(String.valueOf(record.offset())));
        String payload = record.value() == null ? "" : record.value();
        return emitter.sendMessage(Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key()).withHeaders(headers).build()))
                .invoke(() -> LOG.warnf("Parked %s-%d@%d on the dead-letter topic: %s", record.topic(),
                        record.partition(), record.offset(), reason));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
