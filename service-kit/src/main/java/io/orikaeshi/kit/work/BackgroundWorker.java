package io.orikaeshi.kit.work;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A bean with one background thread that runs {@link #round()} (a database transaction, usually) over and over:
 * again at once while a round reports more work ready, otherwise after a {@link #nudge()} or the round's sleep,
 * whichever comes first, and after a pause when a round fails. It starts and stops with the application.
 * Each round runs on a fresh Vert.x context, as Hibernate Reactive requires.
 *
 * <p>Subclasses are {@code @Singleton} beans: they need no client proxy, and one thread per bean is the point. They
 * name their thread in a no-argument constructor and take their collaborators as injected fields, which are set by
 * the time the thread starts.
 *
 * <p>Polling stays as the safety net because another instance, or a restart, may have produced the work;
 * nudges are what make the common case fast.
 */
public abstract class BackgroundWorker {

    private static final Logger LOG = Logger.getLogger(BackgroundWorker.class);

    private final String name;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    /** What a round did: whether more work is ready now, and otherwise how long the worker may sleep. */
    public record Round(boolean moreReady, Duration sleepAtMost) {
        public static Round more() {
            return new Round(true, Duration.ZERO);
        }

        public static Round idle(Duration sleepAtMost) {
            return new Round(false, sleepAtMost);
        }
    }

    protected BackgroundWorker(String name) {
        this.name = name;
    }

    /** One unit of work. */
    protected abstract Uni<Round> round();

    /**
     * How long to wait after a failed round (an unreachable database or broker) before the next: long enough not to
     * spin on an outage, short enough that recovery is noticed within a second.
     */
    protected Duration retryPause() {
        return Duration.ofSeconds(1);
    }

    /** There is probably work: do not wait for the end of the current sleep. */
    public void nudge() {
        wake.release();
    }

    synchronized void start(@Observes StartupEvent event) {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    synchronized void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        while (running) {
            try {
                Round round = VertxContextSupport.subscribeAndAwait(this::round);
                if (!round.moreReady()) {
                    long millis = Math.max(1, round.sleepAtMost().toMillis());
                    wake.tryAcquire(millis, TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {
                if (!running) {
                    return;
                }
                Duration pause = retryPause();
                LOG.warnf("%s failed, retrying in %s: %s", name, pause, e.toString());
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
