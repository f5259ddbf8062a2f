package io.orikaeshi.kit.deadletter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code orikaeshi_dead_letters_parked}: how many parked records of this service are unresolved, as of the last read
 * of the dead-letter topic. Read on its own thread every {@link DeadLetterConfig#gaugeInterval()} (a scrape never
 * waits for Kafka), and set by every listing and action, which read the topic anyway. While Kafka is unreachable the
 * gauge keeps its last value; before the first successful read it is NaN (unknown, not zero).
 */
@Singleton
@IfBuildProperty(name = "orikaeshi.dead-letters.enabled", stringValue = "true")
public class ParkedGauge {

    private static final Logger LOG = Logger.getLogger(ParkedGauge.class);
    private static final long UNKNOWN = -1;

    private final DeadLetterTopic topic;
    private final DeadLetterConfig config;
    private final AtomicLong parked = new AtomicLong(UNKNOWN);
    private ScheduledExecutorService refresher;
    private volatile boolean reportedFailure;

    public ParkedGauge(DeadLetterTopic topic, DeadLetterConfig config, MeterRegistry registry) {
        this.topic = topic;
        this.config = config;
        Gauge.builder("orikaeshi.dead.letters.parked", parked, p -> p.get() == UNKNOWN ? Double.NaN : p.get())
                .description("Parked records on this service's dead-letter topic not yet replayed or discarded")
                .register(registry);
    }

    public void set(Contents contents) {
        parked.set(contents.unresolved().size());
    }

    /** Reads the topic again soon, off the caller's thread (after an action whose read came before its marker). */
    public void refreshSoon() {
        ScheduledExecutorService r = refresher;
        if (r != null) {
            r.execute(this::refresh);
        }
    }

    void start(@Observes StartupEvent event) {
        refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dead-letter-gauge");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.gaugeInterval().toMillis();
        refresher.scheduleWithFixedDelay(this::refresh, 0, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    private void refresh() {
        try {
            set(topic.newest());
            reportedFailure = false;
        } catch (RuntimeException e) {
            // Once per outage: the gauge goes on with its last value, and the next round tries again.
            if (!reportedFailure) {
                LOG.warnf("The dead-letter gauge keeps its last value: %s", e.getMessage());
                reportedFailure = true;
            }
        }
    }
}
