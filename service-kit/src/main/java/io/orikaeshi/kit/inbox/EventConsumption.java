package io.orikaeshi.kit.inbox;

import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.kit.tracing.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.Function;

/**
 * The common path of every consumer: parse, then run the handler with bounded retries.
 * A payload that is not an event fails at once; a handler that keeps failing (a bug, or an outage longer than the
 * retries) fails after the last try. Either way the channel's dead-letter strategy parks the record on the consumer's
 * dead-letter topic and the partition moves on.
 */
public final class EventConsumption {

    private static final Logger LOG = Logger.getLogger(EventConsumption.class);
    private static final int ATTEMPTS = 6;

    private EventConsumption() {
    }

    public static Uni<Void> handle(String payload, Function<OrikaeshiEvent, Uni<Void>> handler) {
        OrikaeshiEvent event;
        try {
            event = EventCodec.fromJson(payload);
        } catch (EventCodec.MalformedEventException e) {
            LOG.warnf("Rejecting a malformed record to the dead-letter topic: %s", e.getMessage());
            return Uni.createFrom().failure(e);
        }
        // Child of the producer's span (the record's traceparent header): what this handler writes to its own outbox
        // continues the same trace.
        Span span = Tracing.start("consume " + event.type(), SpanKind.CONSUMER, Tracing.currentTraceparent());
        Tracing.makeCurrent(span);
        return Uni.createFrom().deferred(() -> handler.apply(event))
                .onFailure().invoke(e -> LOG.warnf("Handling %s %s failed: %s", event.type(), event.eventId(), e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(ATTEMPTS - 1)
                .onFailure().invoke(e -> span.setStatus(StatusCode.ERROR))
                .onTermination().invoke(span::end);
    }
}
