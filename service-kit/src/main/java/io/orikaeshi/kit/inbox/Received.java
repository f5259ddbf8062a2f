package io.orikaeshi.kit.inbox;

import io.opentelemetry.api.trace.Span;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.kit.tracing.Tracing;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;
import java.util.function.Function;

/**
 * An event taken from its record, with the consumer span that continues the producer's trace.
 *
 * @param record where it came from: parked as it was, should it never apply
 */
public record Received(ConsumerRecord<String, String> record, OrikaeshiEvent event, Span span) {

    /** Rows written while this event is applied (outbox, mail) carry its traceparent. */
    public void makeCurrent() {
        Tracing.makeCurrent(span);
    }

    /** Applies each event after the previous one, in the batch's order (a call's events keep their order). */
    public static Uni<Void> each(List<Received> events, Function<Received, Uni<Void>> apply) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Received received : events) {
            chain = chain.chain(() -> {
                received.makeCurrent();
                return apply.apply(received);
            });
        }
        return chain;
    }
}
