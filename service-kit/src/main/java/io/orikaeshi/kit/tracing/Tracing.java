package io.orikaeshi.kit.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Vertx;

import java.util.HashMap;
import java.util.Map;

/**
 * One call is one W3C trace, carried by its {@code traceparent} where quarkus-opentelemetry cannot follow it: in a
 * column beside each row written for the call (outbox, deadline, mail) and as the Kafka record's header. The spans
 * are made with the {@link Tracer} the extension provides; the extension's context storage keeps the current span in
 * the Vert.x duplicated context of the request or record being processed, and puts its ids in the MDC for the logs.
 */
public final class Tracing {

    public static final String HEADER = "traceparent";
    /** The call a span worked for, where no Kafka record key names it. */
    public static final AttributeKey<String> CALL_ID = AttributeKey.stringKey("orikaeshi.call.id");
    public static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    public static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    public static final AttributeKey<String> MESSAGE_KEY = AttributeKey.stringKey("messaging.kafka.message.key");
    public static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");

    private static final W3CTraceContextPropagator PROPAGATOR = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private Tracing() {
    }

    /** A span builder whose parent is the given traceparent when it is a valid one, else the root of a new trace. */
    public static SpanBuilder span(Tracer tracer, String name, SpanKind kind, String parentTraceparent) {
        Context parent = Context.root();
        if (parentTraceparent != null) {
            parent = PROPAGATOR.extract(Context.root(), Map.of(HEADER, parentTraceparent), MAP_GETTER);
        }
        return tracer.spanBuilder(name).setSpanKind(kind).setParent(parent);
    }

    /** Ends the span, marked as failed when the work failed. */
    public static void end(Span span, Throwable failure) {
        if (failure != null) {
            span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
        }
        span.end();
    }

    /**
     * Makes the span the current one of the record being processed, so rows written while it is applied carry it
     * and log lines name it. Only on a duplicated context, which is the record's own and ends with it: the scope is
     * therefore left open (it cannot be closed around asynchronous work), where on a pooled thread it would leak.
     */
    @SuppressWarnings("resource")
    public static void makeCurrent(Span span) {
        io.vertx.core.Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            Context.current().with(span).makeCurrent();
        }
    }

    /** The traceparent of the current span, or null outside traced work. */
    public static String currentTraceparent() {
        return traceparent(Span.current());
    }

    /** The span's W3C traceparent, or null for an invalid (not traced) one. */
    public static String traceparent(Span span) {
        SpanContext spanContext = span.getSpanContext();
        if (!spanContext.isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        PROPAGATOR.inject(Context.root().with(span), carrier, Map::put);
        return carrier.get(HEADER);
    }
}
