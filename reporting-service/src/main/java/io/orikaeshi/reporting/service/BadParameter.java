package io.orikaeshi.reporting.service;

import io.orikaeshi.kit.problem.ProblemException;

/** A query parameter we cannot read: 400 problem+json naming the parameter. */
final class BadParameter {

    private BadParameter() {
    }

    static ProblemException of(String parameter, String message) {
        return ProblemException.badParameter(parameter, message);
    }
}
