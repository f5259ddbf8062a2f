package io.orikaeshi.scheduler.service;

import io.orikaeshi.kit.work.BackgroundWorker;
import io.orikaeshi.scheduler.repository.FiringBatch;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Refreshes the pending-timers gauge now and then: a count over the partial indexes is too costly to run on every
 * scrape with millions pending, and a gauge seconds old is good enough for a dashboard.
 */
@Singleton
public class PendingTimersGauge extends BackgroundWorker {

    @Inject
    SchedulerMetrics metrics;
    @Inject
    SchedulerConfig config;

    PendingTimersGauge() {
        super("pending-timers-gauge");
    }

    @Override
    protected Duration retryPause() {
        return config.pendingGaugeInterval();
    }

    @Override
    protected Uni<Round> round() {
        return Panache.withSession(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery(FiringBatch.COUNT_PENDING, Long.class)
                .getSingleResult()))
                .invoke(metrics::pending)
                .replaceWith(Round.idle(config.pendingGaugeInterval()));
    }
}
