package io.orikaeshi.events;

import java.time.Instant;

/** A promise made to the caller: someone ({@code assignee}, a person or a pool) calls back by {@code dueAt}. */
public record CallbackPromise(Instant dueAt, String assignee) {
}
