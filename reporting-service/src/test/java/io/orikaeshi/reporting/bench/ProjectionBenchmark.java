package io.orikaeshi.reporting.bench;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackCompleted;
import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.reporting.service.ProjectionReplay;
import io.orikaeshi.reporting.support.Calls;
import io.orikaeshi.reporting.support.Stream;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark of bench/README.md, not a test: skipped unless run with -Dbench=true. Prints
 * (1) event-to-queryable lag p50/p99 at a paced 1,000 events/s, from the service's own reporting.projection.lag
 * timer (occurredAt to commit of the projection), and (2) the full rebuild rate through {@link ProjectionReplay}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ProjectionBenchmark {

    private static final int RATE = Integer.getInteger("bench.rate", 1000);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 20);
    private static final int REBUILD_EVENTS = Integer.getInteger("bench.rebuild", 50_000);

    @Inject
    MeterRegistry registry;
    @Inject
    ProjectionReplay replay;

    @Test
    void lagAtAThousandEventsPerSecondAndRebuildRate() throws Throwable {
        // Warm-up, then the measured window; the timer's percentiles decay, so the warm-up fades from them.
        publishPaced(RATE, 5);
        Stream.awaitConsumed();
        Timer timer = registry.find("reporting.projection.lag").timer();
        long before = timer.count();
        publishPaced(RATE, SECONDS);
        Stream.awaitConsumed();
        ValueAtPercentile[] p = timer.takeSnapshot().percentileValues();
        System.out.printf("BENCH lag: %d events at %d/s: p50 %.1f ms, p99 %.1f ms (max %.1f ms)%n",
                timer.count() - before, RATE, p[0].value(TimeUnit.MILLISECONDS), p[1].value(TimeUnit.MILLISECONDS),
                timer.max(TimeUnit.MILLISECONDS));

        List<String> payloads = new ArrayList<>(REBUILD_EVENTS);
        Instant t = Instant.parse("2026-09-01T00:00:00Z");
        while (payloads.size() < REBUILD_EVENTS) {
            CallReceived call = Calls.of("acme-jp", t).promised(t.plusSeconds(3600), "佐藤").event();
            payloads.add(EventCodec.toJson(call));
            payloads.add(EventCodec.toJson(CallbackCompleted.of("acme-jp", call.callId(), t.plusSeconds(60), "佐藤")));
            t = t.plusSeconds(1);
        }
        replay.recreate("bench");
        long start = System.nanoTime();
        int applied = VertxContextSupport.subscribeAndAwait(() -> replay.replay("bench", payloads));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("BENCH rebuild: %d events in %.1f s = %.0f events/s%n", applied, seconds, applied / seconds);
    }

    /** Sends in 10 ms slots so the rate is steady rather than one burst per second. */
    private static void publishPaced(int perSecond, int seconds) throws InterruptedException {
        int perSlot = Math.max(1, perSecond / 100);
        long slot = TimeUnit.MILLISECONDS.toNanos(10);
        long next = System.nanoTime();
        for (int i = 0; i < seconds * 100; i++) {
            for (int j = 0; j < perSlot; j += 2) {
                Instant now = Instant.now();
                CallReceived call = Calls.of("globex-us", now).promised(now.plusSeconds(3600), "Smith").event();
                OrikaeshiEvent done = CallbackCompleted.of("globex-us", call.callId(), now, "Smith");
                Stream.publish(call, done);
            }
            next += slot;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
    }
}
