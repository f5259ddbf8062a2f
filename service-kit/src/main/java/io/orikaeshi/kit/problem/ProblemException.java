package io.orikaeshi.kit.problem;

import java.util.List;

/**
 * Thrown by services to answer with a problem+json of a chosen status (titled with its phrase, see {@link Problem});
 * never carries personal data in its text.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(422, message, List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(422, errors.size() + " field(s) are invalid", errors);
    }

    /** A query parameter that cannot be read: 400 naming it. */
    public static ProblemException badParameter(String name, String message) {
        return new ProblemException(400, "Query parameter " + name + " " + message,
                List.of(new Problem.FieldError(name, message)));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, what + " does not exist", List.of());
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, detail, List.of());
    }

    public int status() {
        return status;
    }

    public String title() {
        return Problem.titleOf(status);
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
