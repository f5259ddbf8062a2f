package io.orikaeshi.scheduler;

import io.orikaeshi.scheduler.service.TimerFiring;
import io.quarkus.vertx.VertxContextSupport;

/** A firing round as a second instance of the service runs it, beside the application's own loop. */
final class AnotherInstance {

    private AnotherInstance() {
    }

    /** One round of at most 100 timers; answers how many it claimed. */
    static int fireDue(TimerFiring firing) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> firing.fireDue(100));
        } catch (Throwable e) {
            throw new AssertionError("firing round failed", e);
        }
    }
}
