package io.orikaeshi.events;

import java.time.Instant;

/**
 * A promise made to the caller: someone ({@code assignee}) calls back by {@code dueAt}.
 *
 * @param kind          how it was phrased; null in events written before it existed (read as BY_TIME)
 * @param notBefore     start of a window ("after 15:00"), else null
 * @param assigneeKind  null in events written before it existed (read as PERSON when an assignee is named)
 */
public record CallbackPromise(Instant dueAt, String assignee, PromiseKind kind, Instant notBefore,
        AssigneeKind assigneeKind) {

    public CallbackPromise(Instant dueAt, String assignee) {
        this(dueAt, assignee, PromiseKind.BY_TIME, null, assignee == null ? AssigneeKind.POOL : AssigneeKind.PERSON);
    }
}
