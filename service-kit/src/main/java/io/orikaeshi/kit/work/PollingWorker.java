package io.orikaeshi.kit.work;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One background thread that runs a reactive unit of work (a database transaction, usually) over and over:
 * again at once while it reports a full batch, otherwise after a nudge or the poll interval, whichever comes first,
 * and after a pause when it fails. The unit of work runs on a fresh Vert.x context, as Hibernate Reactive requires.
 *
 * <p>Polling stays as the safety net because another instance, or a restart, may have produced the work;
 * nudges are what make the common case fast.
 */
public final class PollingWorker {

    private static final Logger LOG = Logger.getLogger(PollingWorker.class);

    private final String name;
    private final Supplier<Uni<Round>> work;
    private final Duration retryPause;
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

    public PollingWorker(String name, Duration retryPause, Supplier<Uni<Round>> work) {
        this.name = name;
        this.work = work;
        this.retryPause = retryPause;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    public synchronized void stop() {
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

    public void nudge() {
        wake.release();
    }

    private void loop() {
        while (running) {
            try {
                Round round = VertxContextSupport.subscribeAndAwait(work);
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
                LOG.warnf("%s failed, retrying in %s: %s", name, retryPause, e.toString());
                try {
                    Thread.sleep(retryPause.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
