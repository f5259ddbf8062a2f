package io.orikaeshi.events;

/** One of the tenant's optional hearing items (e.g. preferred callback time) and what the caller said. */
public record HearingAnswer(String item, CapturedItem answer) {
}
