package io.orikaeshi.reporting.rest;

import java.time.Instant;

/**
 * Where the read-model rebuild is. {@code recordsPerSecond} counts every record read from the topics since the
 * start, the schema preparation included.
 */
public record RebuildStatus(State state, Instant startedAt, Instant finishedAt, long recordsRead, long eventsApplied,
        long recordsSkipped, long recordsPerSecond, String error) {

    public enum State {
        IDLE, RUNNING, SUCCEEDED, FAILED
    }

    public static RebuildStatus idle() {
        return new RebuildStatus(State.IDLE, null, null, 0, 0, 0, 0, null);
    }

    public static RebuildStatus started(Instant at) {
        return new RebuildStatus(State.RUNNING, at, null, 0, 0, 0, 0, null);
    }

    public boolean running() {
        return state == State.RUNNING;
    }
}
