package io.orikaeshi.scheduler.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.orikaeshi.scheduler.repository.TimerKind;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What ops watch: pending timers (a gauge), how late timers fire (a histogram, p50/p99 in Prometheus) and how many
 * fire (a counter per kind: its rate is "fired per second").
 */
@ApplicationScoped
public class SchedulerMetrics {

    private final Timer lateness;
    private final Map<TimerKind, Counter> fired = new EnumMap<>(TimerKind.class);
    private final AtomicLong pending = new AtomicLong();

    public SchedulerMetrics(MeterRegistry registry) {
        this.lateness = Timer.builder("orikaeshi.scheduler.firing.lateness")
                .description("Time from a timer's due instant to the commit of its firing")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry);
        for (TimerKind kind : TimerKind.values()) {
            fired.put(kind, Counter.builder("orikaeshi.scheduler.timers.fired")
                    .description("Timers fired, by kind")
                    .tag("kind", kind.name())
                    .register(registry));
        }
        Gauge.builder("orikaeshi.scheduler.timers.pending", pending, AtomicLong::get)
                .description("Timers armed and not yet fired or cancelled")
                .register(registry);
    }

    void fired(TimerKind kind, Duration late) {
        fired.get(kind).increment();
        lateness.record(late.isNegative() ? Duration.ZERO : late);
    }

    void pending(long count) {
        pending.set(count);
    }
}
