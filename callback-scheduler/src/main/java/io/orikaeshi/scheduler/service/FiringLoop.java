package io.orikaeshi.scheduler.service;

import io.orikaeshi.kit.work.BackgroundWorker;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;

/**
 * Runs {@link TimerFiring} in the background: fires what is due, then sleeps until the next fire time, never longer
 * than the poll interval (timers armed by another instance); a nudge, on a newly armed timer, re-plans the sleep.
 */
@Singleton
public class FiringLoop extends BackgroundWorker {

    @Inject
    TimerFiring firing;
    @Inject
    SchedulerConfig config;

    FiringLoop() {
        super("timer-firing");
    }

    @Override
    protected Uni<Round> round() {
        return firing.fireDue(config.batchSize())
                .flatMap(claimed -> claimed == config.batchSize()
                        ? Uni.createFrom().item(Round.more())
                        : firing.nextFireAt().map(this::sleepUntil));
    }

    private Round sleepUntil(Instant next) {
        Duration cap = config.pollInterval();
        if (next == null) {
            return Round.idle(cap);
        }
        Duration untilDue = Duration.between(Instant.now(), next);
        if (untilDue.isNegative() || untilDue.isZero()) {
            return Round.more();
        }
        return Round.idle(untilDue.compareTo(cap) < 0 ? untilDue : cap);
    }
}
