package io.orikaeshi.intake.service;

import io.vertx.pgclient.PgException;

/** Recognises PostgreSQL's unique_violation (SQLSTATE 23505): two requests raced to create the same row. */
final class UniqueViolation {

    private static final String SQLSTATE = "23505";

    private UniqueViolation() {
    }

    static boolean in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && SQLSTATE.equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
