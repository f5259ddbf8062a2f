package io.orikaeshi.scheduler.bench;

import org.HdrHistogram.ConcurrentHistogram;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Firing lateness of one phase: how long after its due instant each timer's effect was committed. */
final class Lateness {

    private final ConcurrentHistogram micros = new ConcurrentHistogram(3_600_000_000L, 3);
    private final AtomicLong lastRecordedNanos = new AtomicLong();

    void record(Instant due, Instant committed) {
        long late = Math.max(0, Duration.between(due, committed).toNanos() / 1000);
        micros.recordValue(Math.min(late, micros.getHighestTrackableValue()));
        lastRecordedNanos.set(System.nanoTime());
    }

    long count() {
        return micros.getTotalCount();
    }

    long lastRecordedNanos() {
        return lastRecordedNanos.get();
    }

    void reset() {
        micros.reset();
    }

    double p50Millis() {
        return micros.getValueAtPercentile(50) / 1000.0;
    }

    double p99Millis() {
        return micros.getValueAtPercentile(99) / 1000.0;
    }

    double maxMillis() {
        return micros.getMaxValue() / 1000.0;
    }

    /** Blocks until {@code expected} firings were recorded, or the timeout; answers whether they all were. */
    boolean awaitCount(long expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count() < expected) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
