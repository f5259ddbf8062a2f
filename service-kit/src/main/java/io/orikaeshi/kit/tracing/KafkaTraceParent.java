package io.orikaeshi.kit.tracing;

import io.smallrye.reactive.messaging.IncomingInterceptor;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.providers.locals.LocalContextMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;

/**
 * Hands the traceparent header of each incoming Kafka record to the Vert.x context that processes the record, where
 * {@link io.orikaeshi.kit.inbox.EventConsumption} starts its consumer span. Without a qualifier it applies to every
 * incoming channel.
 */
@ApplicationScoped
public class KafkaTraceParent implements IncomingInterceptor {

    @Override
    public Message<?> afterMessageReceive(Message<?> message) {
        message.getMetadata(IncomingKafkaRecordMetadata.class).ifPresent(kafka -> {
            Header header = kafka.getHeaders().lastHeader(Tracing.HEADER);
            if (header != null && header.value() != null) {
                message.getMetadata(LocalContextMetadata.class).ifPresent(local ->
                        Tracing.parentFor(local.context(), new String(header.value(), StandardCharsets.US_ASCII)));
            }
        });
        return message;
    }

    @Override
    public void onMessageAck(Message<?> message) {
    }

    @Override
    public void onMessageNack(Message<?> message, Throwable failure) {
    }
}
