package io.orikaeshi.kit.tracing;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Vertx;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.MDC;

import java.util.HashMap;
import java.util.Map;

/**
 * OpenTelemetry traces carried by the W3C {@code traceparent}: across HTTP into intake, through each service's outbox
 * (a column beside the event), as a Kafka header, and into the consumers. quarkus-opentelemetry is missing from our
 * Maven mirror for this Quarkus version, so this uses the OpenTelemetry SDK directly.
 *
 * <p>The current span lives in the Vert.x duplicated context of the request or Kafka record being processed, which
 * follows the work across threads (Quarkus keeps MDC there too), where a thread-local would not.
 */
public final class Tracing {

    public static final String HEADER = "traceparent";
    static final String LOCAL_KEY = "orikaeshi.traceparent";

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
    private static volatile Tracer tracer;

    private Tracing() {
    }

    /** Starts a span, child of the given traceparent when it is a valid one, else the root of a new trace. */
    public static Span start(String name, SpanKind kind, String parentTraceparent) {
        Context parent = Context.root();
        if (parentTraceparent != null) {
            parent = PROPAGATOR.extract(Context.root(), Map.of(HEADER, parentTraceparent), MAP_GETTER);
        }
        return tracer().spanBuilder(name).setSpanKind(kind).setParent(parent).startSpan();
    }

    /** Makes the span the current one of the request or record being processed, for the outbox and the logs. */
    public static void makeCurrent(Span span) {
        io.vertx.core.Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            context.putLocal(LOCAL_KEY, traceparent(span));
        }
        MDC.put("traceId", span.getSpanContext().getTraceId());
        MDC.put("spanId", span.getSpanContext().getSpanId());
    }

    /** The traceparent of the current span, or null outside traced work. */
    public static String currentTraceparent() {
        io.vertx.core.Context context = Vertx.currentContext();
        if (context == null || !VertxContext.isDuplicatedContext(context)) {
            return null;
        }
        return context.getLocal(LOCAL_KEY);
    }

    public static String traceparent(Span span) {
        Map<String, String> carrier = new HashMap<>();
        PROPAGATOR.inject(Context.root().with(span), carrier, Map::put);
        return carrier.get(HEADER);
    }

    static Tracer tracer() {
        Tracer current = tracer;
        if (current == null) {
            synchronized (Tracing.class) {
                if (tracer == null) {
                    tracer = build();
                }
                current = tracer;
            }
        }
        return current;
    }

    private static Tracer build() {
        var config = ConfigProvider.getConfig();
        String service = config.getOptionalValue("quarkus.application.name", String.class).orElse("orikaeshi");
        SdkTracerProviderBuilder provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        io.opentelemetry.api.common.AttributeKey.stringKey("service.name"), service))));
        if (config.getOptionalValue("orikaeshi.tracing.log-spans", Boolean.class).orElse(false)) {
            provider.addSpanProcessor(SimpleSpanProcessor.create(new LoggedSpans()));
        }
        SdkTracerProvider built = provider.build();
        Runtime.getRuntime().addShutdownHook(new Thread(built::close, "tracer-shutdown"));
        return built.get("io.orikaeshi");
    }
}
