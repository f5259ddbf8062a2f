package io.orikaeshi.kit.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.jboss.logging.Logger;

import java.util.Collection;

/**
 * Exports finished spans as log records (orikaeshi.tracing.log-spans=true): no collector is reachable from our
 * machines, and a log line per span is enough to follow one call through the services. Span names carry event
 * types and paths only, never personal data.
 */
final class LoggedSpans implements SpanExporter {

    private static final Logger LOG = Logger.getLogger("io.orikaeshi.tracing");

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        for (SpanData span : spans) {
            LOG.infof("span '%s' kind=%s trace=%s span=%s parent=%s %d us", span.getName(), span.getKind(),
                    span.getTraceId(), span.getSpanId(), span.getParentSpanId(),
                    (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1000);
        }
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
