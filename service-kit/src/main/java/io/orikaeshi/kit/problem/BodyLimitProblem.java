package io.orikaeshi.kit.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * Answers a body announced larger than {@code quarkus.http.limits.max-body-size} with a 413 problem, like every other
 * error. Quarkus refuses such a request itself, before any resource runs, but with an empty body; this route runs
 * just before that check (order -3, Quarkus's is -2) and answers the same status as problem+json. A chunked body
 * without Content-Length that grows past the limit is still cut off by Quarkus, with its empty 413.
 */
@ApplicationScoped
public class BodyLimitProblem {

    private static final int BEFORE_QUARKUS_UPLOAD_LIMIT = -3;
    private static final ObjectMapper JSON = new ObjectMapper();

    void install(@Observes Router router,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize limit) {
        long maxBytes = limit.asLongValue();
        router.route().order(BEFORE_QUARKUS_UPLOAD_LIMIT).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && announcedBytes(length) > maxBytes) {
                // The body stays unread, so the connection cannot carry another request: close it once answered.
                context.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .endHandler(done -> context.request().connection().close())
                        .end(problem(maxBytes, context.request().path()));
            } else {
                context.next();
            }
        });
    }

    private static String problem(long maxBytes, String instance) {
        try {
            return JSON.writeValueAsString(Problem.of(413,
                    "The body is larger than the " + maxBytes + " bytes this service accepts", instance, List.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem document is plain data", e);
        }
    }

    private static long announcedBytes(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return -1; // not ours to judge: Vert.x answers a malformed Content-Length with 400
        }
    }
}
