package io.orikaeshi.system;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A collector for the test: receives OTLP/HTTP trace exports (protobuf, POST /v1/traces) as the services send them
 * to an OpenTelemetry collector, and keeps every span.
 */
final class OtlpReceiver implements AutoCloseable {

    /** One exported span; parentSpanId is null for a root span. */
    record ExportedSpan(String service, String name, String kind, String traceId, String spanId, String parentSpanId,
            Map<String, String> attributes) {

        @Override
        public String toString() {
            return service + " '" + name + "' " + kind + " " + spanId + " <- " + parentSpanId;
        }
    }

    private static final HexFormat HEX = HexFormat.of();

    private final HttpServer server;
    private final List<ExportedSpan> spans = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            OtlpReceiver receiver = new OtlpReceiver(server);
            server.createContext("/v1/traces", receiver::receive);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What to give the services as QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<ExportedSpan> spans() {
        return List.copyOf(spans);
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            ExportTraceServiceRequest request;
            try (InputStream body = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody())
                    : exchange.getRequestBody()) {
                request = ExportTraceServiceRequest.parseFrom(body);
            }
            for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
                String service = text(resourceSpans.getResource().getAttributesList()).get("service.name");
                for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                    for (io.opentelemetry.proto.trace.v1.Span span : scopeSpans.getSpansList()) {
                        spans.add(new ExportedSpan(service, span.getName(),
                                span.getKind().name().replace("SPAN_KIND_", ""),
                                HEX.formatHex(span.getTraceId().toByteArray()),
                                HEX.formatHex(span.getSpanId().toByteArray()),
                                span.getParentSpanId().isEmpty()
                                        ? null
                                        : HEX.formatHex(span.getParentSpanId().toByteArray()),
                                text(span.getAttributesList())));
                    }
                }
            }
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        }
    }

    private static Map<String, String> text(List<KeyValue> attributes) {
        Map<String, String> values = new HashMap<>();
        for (KeyValue attribute : attributes) {
            AnyValue value = attribute.getValue();
            values.put(attribute.getKey(), switch (value.getValueCase()) {
                case STRING_VALUE -> value.getStringValue();
                case INT_VALUE -> String.valueOf(value.getIntValue());
                case BOOL_VALUE -> String.valueOf(value.getBoolValue());
                case DOUBLE_VALUE -> String.valueOf(value.getDoubleValue());
                default -> value.toString();
            });
        }
        return values;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
