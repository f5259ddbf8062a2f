package io.orikaeshi.kit.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Optional;

/**
 * Refuses a body larger than {@code quarkus.http.limits.max-body-size} with a problem, as every other refusal is
 * answered. Quarkus refuses it first (route order -2) with an empty 413 that no exception mapper sees, so this runs
 * just before it, on the declared Content-Length; the body is never read and the connection is closed, as Quarkus does.
 */
@ApplicationScoped
public class BodyLimit {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<MemorySize> limit;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit) {
        this.limit = limit;
    }

    void install(@Observes Router router) {
        limit.ifPresent(max -> router.route().order(-3).handler(ctx -> refuseIfLarger(ctx, max.asLongValue())));
    }

    private static void refuseIfLarger(RoutingContext ctx, long max) {
        String length = ctx.request().getHeader("Content-Length");
        long declared;
        try {
            declared = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            declared = -1;
        }
        if (declared <= max) {
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(413)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close")
                .end(body(new Problem("about:blank", "Payload too large", 413,
                        "The body is larger than the " + max + " bytes this service accepts", ctx.request().path(),
                        List.of())));
    }

    private static String body(Problem problem) {
        try {
            return JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
