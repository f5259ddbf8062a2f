package io.orikaeshi.intake.mapping;

/** What {@link io.orikaeshi.events.tenant.Address#validId} accepts, as an error message says it. */
final class IdRules {

    static final String MESSAGE = "must be 1-63 lower-case letters, digits, '-' or '_', starting with a letter or digit";

    private IdRules() {
    }
}
