package io.orikaeshi.kit.problem;

import java.util.List;

/** Thrown by services to answer with a problem+json of a chosen status; never carries personal data in its text. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(422, "Invalid field", message, List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(422, "Invalid fields", errors.size() + " field(s) are invalid", errors);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "Not found", what + " does not exist", List.of());
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail, List.of());
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
