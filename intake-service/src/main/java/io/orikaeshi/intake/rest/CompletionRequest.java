package io.orikaeshi.intake.rest;

import jakarta.validation.constraints.Size;

public record CompletionRequest(@Size(max = 200) String completedBy) {
}
