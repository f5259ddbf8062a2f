package io.orikaeshi.reporting.service;

import io.orikaeshi.kit.problem.Problem;
import io.orikaeshi.kit.problem.ProblemException;

import java.util.List;

/** A query parameter we cannot read: 400 problem+json naming the parameter. */
final class BadParameter {

    private BadParameter() {
    }

    static ProblemException of(String parameter, String message) {
        return new ProblemException(400, "Invalid query parameter", parameter + " " + message,
                List.of(new Problem.FieldError(parameter, message)));
    }
}
