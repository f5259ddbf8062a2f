package io.orikaeshi.scheduler.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Arms and cancels timers. Call inside the transaction that changes the deadline they belong to. */
@ApplicationScoped
public class TimerStore {

    /*
     * Arming is an upsert: arming the same clock again keeps the earlier time, so a chase call can pull an escalation
     * level forward and a redelivered event changes nothing. A timer already fired or cancelled stays as it is.
     */
    private static final String ARM = "insert into deadline_timer "
            + "(call_id, kind, level, fire_at, promise_version, target, state) "
            + "values (?1, ?2, ?3, ?4, ?5, ?6, 'PENDING') "
            + "on conflict (call_id, kind, level, promise_version) do update set fire_at = excluded.fire_at "
            + "where deadline_timer.state = 'PENDING' and excluded.fire_at < deadline_timer.fire_at";

    private static final String CANCEL = "update deadline_timer set state = 'CANCELLED' "
            + "where call_id = ?1 and state = 'PENDING' and kind in (%s)";

    public Uni<Void> arm(String callId, int version, List<PlannedTimer> timers) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (PlannedTimer timer : timers) {
            chain = chain.chain(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(ARM)
                    .setParameter(1, callId)
                    .setParameter(2, timer.kind().name())
                    .setParameter(3, timer.level())
                    .setParameter(4, timer.fireAt())
                    .setParameter(5, version)
                    .setParameter(6, timer.target())
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
}
