package io.orikaeshi.kit.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each consuming channel is doing: flowing, or holding a batch since when and why. A channel held by an outage
 * makes the service not ready; one waiting for an event it depends on does not (the service is healthy, another
 * consumer is behind). Both show in {@code orikaeshi_inbox_stalled_seconds}.
 */
@ApplicationScoped
public class InboxHealth {

    /** Why a batch is held. */
    public enum Cause {
        OUTAGE, WAITING, FAILING
    }

    private record Stall(Cause cause, Instant since, String failure) {
    }

    @Inject
    MeterRegistry registry;
    private final Map<String, Stall> stalls = new ConcurrentHashMap<>();
    private final Map<String, Boolean> gauges = new ConcurrentHashMap<>();

    void held(String channel, Cause cause, Throwable failure) {
        register(channel);
        stalls.compute(channel, (c, stall) -> stall != null && stall.cause() == cause
                ? stall
                : new Stall(cause, stall == null ? Instant.now() : stall.since(), failure.getClass().getSimpleName()));
        Counter.builder("orikaeshi.inbox.retries").description("Batches tried again after a failure")
                .tag("channel", channel).tag("cause", cause.name().toLowerCase()).register(registry).increment();
    }

    void flowing(String channel) {
        stalls.remove(channel);
    }

    void parked(String channel) {
        Counter.builder("orikaeshi.inbox.parked").description("Records parked on the dead-letter topic")
                .tag("channel", channel).register(registry).increment();
    }

    /** How long the channel's current batch has been held; zero while it flows. */
    public Duration stalledFor(String channel) {
        Stall stall = stalls.get(channel);
        return stall == null ? Duration.ZERO : Duration.between(stall.since(), Instant.now());
    }

    private void register(String channel) {
        gauges.computeIfAbsent(channel, c -> {
            Gauge.builder("orikaeshi.inbox.stalled.seconds", () -> stalledFor(c).toMillis() / 1000.0)
                    .description("How long the channel has been holding a batch it cannot apply yet")
                    .tag("channel", c).register(registry);
            return true;
        });
    }

    /** For {@link InboxReadiness}. */
    HealthCheckResponse readiness() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("inbox").up();
        stalls.forEach((channel, stall) -> {
            response.withData(channel, stall.cause() + " since " + stall.since() + " (" + stall.failure() + ")");
            if (stall.cause() == Cause.OUTAGE) {
                response.down();
            }
        });
        return response.build();
    }
}
