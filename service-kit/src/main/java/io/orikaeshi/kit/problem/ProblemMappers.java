package io.orikaeshi.kit.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.orikaeshi.kit.inbox.Outages;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns every failure into an RFC 9457 answer. Client mistakes name the field at fault; an unreachable database is a
 * 503 the client may retry; anything else unexpected is a bare 500 whose details stay in the log, because exception
 * text may contain request data.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.status(), e.getMessage(), uri, e.errors());
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .collect(Collectors.toList());
        return respond(422, errors.size() + " field(s) are invalid", uri, errors);
    }

    /** Declared for the subtype too: Quarkus REST ships its own mapper for it, which answers plain JSON. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException mapping ? pathOf(mapping) : "";
        List<Problem.FieldError> errors = field.isEmpty()
                ? List.of()
                : List.of(new Problem.FieldError(field, "has the wrong type or format"));
        return respond(400, "The body is not valid JSON of the expected shape", uri, errors);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        return respond(e.getResponse().getStatus(), null, uri, List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        Throwable outage = outage(e);
        if (outage != null) {
            // The cause's own text (a host and port, an SQLSTATE): no request data, unlike the rest of the chain.
            LOG.warnf("Answering %s with 503: %s", uri.getPath(), outage.toString());
            return Response.fromResponse(respond(503, "The database cannot be reached just"
                    + " now. Retry later with the same Idempotency-Key: a request that did get through is then"
                    + " answered, not repeated", uri, List.of())).header("Retry-After", RETRY_AFTER_SECONDS).build();
        }
        LOG.error("Unexpected failure answering " + uri.getPath(), e);
        return respond(500, "The request could not be completed", uri, List.of());
    }

    /**
     * The failure in the chain that says PostgreSQL is unreachable, shutting down or not yet accepting connections
     * (SQLSTATE classes 08 and 57P), or null. Such a failure is the server's state, not a bug: the client is told
     * to retry instead of being given an internal error.
     */
    static Throwable outage(Throwable failure) {
        return Outages.find(failure);
    }

    /** A problem answer built outside an exception mapper (request filters). */
    public static Response response(int status, String detail, String instance) {
        return response(status, detail, instance, List.of());
    }

    private static Response respond(int status, String detail, UriInfo uri, List<Problem.FieldError> errors) {
        return response(status, detail, uri == null ? null : uri.getPath(), errors);
    }

    private static Response response(int status, String detail, String instance, List<Problem.FieldError> errors) {
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, detail, instance, errors)).build();
    }

    /** "create.request.callerName.value" → "callerName.value": drop the method and parameter nodes. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, PARAMETER, CROSS_PARAMETER, RETURN_VALUE -> names.clear();
                default -> {
                    // Hibernate Validator puts a list index on the node after the list: "plans", "[0]hearingItems".
                    if (node.isInIterable() && !names.isEmpty()) {
                        String index = node.getIndex() != null
                                ? "[" + node.getIndex() + "]"
                                : node.getKey() != null ? "[" + node.getKey() + "]" : "";
                        names.set(names.size() - 1, names.get(names.size() - 1) + index);
                    }
                    if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                        names.add(node.getName());
                    }
                }
            }
        }
        return String.join(".", names);
    }

    private static String pathOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }
}
