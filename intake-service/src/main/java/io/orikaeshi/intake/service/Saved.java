package io.orikaeshi.intake.service;

/** What a PUT stored, and whether it was new (201) rather than replaced (200). */
public record Saved<T>(T value, boolean created) {
}
