package io.orikaeshi.kit.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem detail, with the fields at fault in {@code errors}.
 * <p>
 * Every problem has the type {@code about:blank}: the HTTP status says what kind of problem it is, so the title is
 * the status's phrase (RFC 9457 section 4.2.1) and what went wrong is in {@code detail} and {@code errors}. A client
 * branches on the status and reads the fields; there is no problem kind a status does not already name.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String ABOUT_BLANK = "about:blank";

    /** RFC 9110's phrases; JAX-RS still knows 413 and 422 by their older names. */
    private static final Map<Integer, String> PHRASES = Map.ofEntries(
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(406, "Not Acceptable"),
            Map.entry(409, "Conflict"), Map.entry(413, "Content Too Large"), Map.entry(415, "Unsupported Media Type"),
            Map.entry(422, "Unprocessable Content"), Map.entry(429, "Too Many Requests"),
            Map.entry(500, "Internal Server Error"), Map.entry(503, "Service Unavailable"));

    public record FieldError(String field, String message) {
    }

    /** A problem of the given status, titled with the status's phrase. */
    public static Problem of(int status, String detail, String instance, List<FieldError> errors) {
        return new Problem(ABOUT_BLANK, titleOf(status), status, detail, instance, errors);
    }

    public static String titleOf(int status) {
        String phrase = PHRASES.get(status);
        if (phrase != null) {
            return phrase;
        }
        jakarta.ws.rs.core.Response.Status known = jakarta.ws.rs.core.Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : status < 500 ? "Client Error" : "Server Error";
    }
}
