package io.orikaeshi.reporting.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Runs a positional native statement in the current Panache session, the one holding the processed-event claim. */
final class NativeUpdates {

    private NativeUpdates() {
    }

    static Uni<Void> execute(String sql, Object... parameters) {
        return Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i] instanceof Instant instant
                        ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : parameters[i]);
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }
}
