package io.orikaeshi.scheduler.repository;

import io.orikaeshi.scheduler.service.SchedulerConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Arms and cancels timers. Call inside the transaction that changes the deadline they belong to. */
@ApplicationScoped
public class TimerStore {

    /*
     * Storing is an upsert: storing the same clock again keeps the earlier time, so a chase call can pull an
     * escalation level forward and a redelivered event changes nothing. A timer already fired or cancelled stays as it
     * is. ?7 says whether the timer is armed (due within the horizon: in the fine due-time index) or dormant; a
     * timer pulled forward into the horizon becomes armed, an armed one never goes back to sleep (harmless: it fires).
     * Public, so that the firing benchmark stores timers with this very statement.
     */
    public static final String ARM = "insert into deadline_timer "
            + "(call_id, kind, level, fire_at, promise_version, target, state, armed) "
            + "values (?1, ?2, ?3, ?4, ?5, ?6, 'PENDING', ?7) "
            + "on conflict (call_id, kind, level, promise_version) do update "
            + "set fire_at = excluded.fire_at, armed = deadline_timer.armed or excluded.armed "
            + "where deadline_timer.state = 'PENDING' and excluded.fire_at < deadline_timer.fire_at";

    private static final String CANCEL = "update deadline_timer set state = 'CANCELLED' "
            + "where call_id = ?1 and state = 'PENDING' and kind in (%s)";

    @Inject
    SchedulerConfig config;

    /** A timer due within {@code horizon} of {@code now} is stored armed; a later one dormant (see V3__timer_tiers). */
    public static boolean armedWhenStored(Instant fireAt, Instant now, Duration horizon) {
        return !fireAt.isAfter(now.plus(horizon));
    }

    public Uni<Void> arm(String callId, int version, List<PlannedTimer> timers) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        Instant now = Instant.now();
        for (PlannedTimer timer : timers) {
            boolean armed = armedWhenStored(timer.fireAt(), now, config.armingHorizon());
            chain = chain.chain(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(ARM)
                    .setParameter(1, callId)
                    .setParameter(2, timer.kind().name())
                    .setParameter(3, timer.level())
                    .setParameter(4, timer.fireAt())
                    .setParameter(5, version)
                    .setParameter(6, timer.target())
                    .setParameter(7, armed)
                    .executeUpdate())).replaceWithVoid();
        }
        return chain;
    }

    /** Cancels the call's pending timers of the given kinds (of every version). */
    public Uni<Integer> cancel(String callId, TimerKind... kinds) {
        // Enum names are safe to inline; a bound list would need the provider's collection expansion.
        String inList = Arrays.stream(kinds).map(kind -> "'" + kind.name() + "'").collect(Collectors.joining(","));
        return Panache.getSession().flatMap(session -> session.createNativeQuery(CANCEL.formatted(inList))
                .setParameter(1, callId)
                .executeUpdate());
    }

    public Uni<Integer> cancelAll(String callId) {
        return cancel(callId, TimerKind.values());
    }

    /** Cancels the clocks of the promise's current version, for a new one; the call's own (the repeat notice) stay. */
    public Uni<Integer> cancelVersionClocks(String callId) {
        return cancel(callId,
                Arrays.stream(TimerKind.values()).filter(TimerKind::perVersion).toArray(TimerKind[]::new));
    }
}
