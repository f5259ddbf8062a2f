package io.orikaeshi.kit.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A server span per API request, child of the caller's traceparent when it sends one. Events written to the outbox
 * while the request runs carry this span as their parent. Health and metrics endpoints are not traced.
 */
public class HttpTracing {

    private static final String SPAN = HttpTracing.class.getName() + ".span";

    @ServerRequestFilter
    public void start(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/q/") || path.startsWith("q/")) {
            return;
        }
        // The method only: raw paths hold ids.
        Span span = Tracing.start("HTTP " + request.getMethod(), SpanKind.SERVER,
                request.getHeaderString(Tracing.HEADER));
        request.setProperty(SPAN, span);
        Tracing.makeCurrent(span);
    }

    @ServerResponseFilter
    public void end(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(SPAN) instanceof Span span) {
            span.setAttribute("http.response.status_code", response.getStatus());
            if (response.getStatus() >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        }
    }
}
