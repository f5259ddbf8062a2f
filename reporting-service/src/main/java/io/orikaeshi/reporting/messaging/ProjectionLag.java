package io.orikaeshi.reporting.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.orikaeshi.events.OrikaeshiEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Projection lag as metrics: how long after an event occurred it became queryable (a timer with percentiles, so
 * p50/p99 show in /q/metrics), and the lag of the latest applied event (a gauge, for alerting on a stalled consumer).
 * Measured from the producer's occurredAt, so it includes outbox relay and Kafka time; clocks are assumed in sync.
 */
@ApplicationScoped
public class ProjectionLag {

    private final Timer timer;
    private final AtomicLong latestMillis = new AtomicLong();

    public ProjectionLag(MeterRegistry registry) {
        this.timer = Timer.builder("reporting.projection.lag")
                .description("Time from an event's occurrence to its effect being committed in the read models")
                .publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram()
                .register(registry);
        registry.gauge("reporting.projection.lag.latest.seconds", latestMillis, millis -> millis.get() / 1000.0);
    }

    /** The events were committed just now. */
    public void queryable(List<OrikaeshiEvent> events) {
        Instant now = Instant.now();
        for (OrikaeshiEvent event : events) {
            Duration lag = Duration.between(event.occurredAt(), now);
            if (lag.isNegative()) {
                lag = Duration.ZERO;
            }
            timer.record(lag);
            latestMillis.set(lag.toMillis());
        }
    }
}
