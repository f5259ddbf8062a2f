package io.orikaeshi.events;

/** Who owns a callback: a named person, a pool anyone of which may call, or a supervisor (escalation desk). */
public enum AssigneeKind {
    PERSON, POOL, SUPERVISOR
}
