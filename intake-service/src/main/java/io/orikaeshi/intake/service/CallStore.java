package io.orikaeshi.intake.service;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.orikaeshi.events.CallDetails;
import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackChased;
import io.orikaeshi.events.Topics;
import io.orikaeshi.intake.repository.CallRows;
import io.orikaeshi.intake.repository.CallRows.OpenPromise;
import io.orikaeshi.intake.repository.StoredCall;
import io.orikaeshi.kit.outbox.Outbox;
import io.orikaeshi.kit.outbox.OutboxRow;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stores accepted calls by group commit: the calls that arrive while a transaction is running are written together
 * by the next one (their rows, their chase links, their idempotency keys and their outbox events), and each request
 * is answered only after that commit. A 2xx still means "durably stored and sure to be published"; what the group
 * shares is the cost of the transaction, which was most of the cost of a call.
 *
 * <p>A group that fails is written again one call per transaction, so one bad call cannot fail its neighbours.
 */
@ApplicationScoped
public class CallStore {

    private static final Logger LOG = Logger.getLogger(CallStore.class);

    /**
     * A validated call ready to be stored, as its CallReceived will carry it (but for a chase link, found here).
     * {@code idempotencyKey} and {@code requestHash} are null together.
     */
    public record NewCall(String callId, String tenantId, CallDetails call, Instant now, String idempotencyKey,
            String requestHash, String traceParent) {
    }

    /** What became of a call: stored, or not stored because an earlier request already used its Idempotency-Key. */
    public sealed interface Outcome {
        record Stored(StoredCall call) implements Outcome {
        }

        record KeyTaken() implements Outcome {
        }
    }

    /** A tenant's caller, by number; sorted, so that writers lock the callers' promises in one order. */
    private record Caller(String tenantId, String number) implements Comparable<Caller> {
        @Override
        public int compareTo(Caller other) {
            int byTenant = tenantId.compareTo(other.tenantId);
            return byTenant != 0 ? byTenant : number.compareTo(other.number);
        }
    }

    /** An Idempotency-Key is unique per tenant. */
    private record KeyOfTenant(String tenantId, String key) {
    }

    private record Pending(NewCall call, UniEmitter<? super Outcome> emitter, Context context) {
    }

    /** An open promise a call of the group may chase: one already stored, or one made earlier in the same group. */
    private static final class Chaseable {
        final String id;
        final Instant receivedAt;
        final boolean madeInGroup;
        int chaseCount;

        Chaseable(String id, Instant receivedAt, int chaseCount, boolean madeInGroup) {
            this.id = id;
            this.receivedAt = receivedAt;
            this.chaseCount = chaseCount;
            this.madeInGroup = madeInGroup;
        }
    }

    private static final Comparator<Chaseable> OLDEST = Comparator.<Chaseable, Instant>comparing(c -> c.receivedAt)
            .thenComparing(c -> c.id);

    private final Pool pool;
    private final Outbox outbox;
    private final GroupCommitConfig config;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger writing = new AtomicInteger();

    private final DistributionSummary groupSizes;
    private final Timer groupTimes;

    public CallStore(Pool pool, Outbox outbox, GroupCommitConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.outbox = outbox;
        this.config = config;
        Gauge.builder("orikaeshi.intake.calls.waiting", queue, Queue::size)
                .description("Accepted calls waiting for the next group commit").register(registry);
        this.groupSizes = DistributionSummary.builder("orikaeshi.intake.group.calls")
                .description("Calls written per group commit").register(registry);
        this.groupTimes = Timer.builder("orikaeshi.intake.group.duration")
                .description("From a group's start to its commit (or failure)").register(registry);
    }

    /** Completes, on the caller's own context, once the call's group has committed (or failed). */
    public Uni<Outcome> store(NewCall call) {
        return Uni.createFrom().emitter(emitter -> {
            queue.add(new Pending(call, emitter, Vertx.currentContext()));
            drain();
        });
    }

    private void drain() {
        while (true) {
            int running = writing.get();
            if (running >= config.concurrency() || queue.isEmpty()) {
                return;
            }
            if (writing.compareAndSet(running, running + 1)) {
                break;
            }
        }
        List<Pending> group = new ArrayList<>();
        for (Pending next; group.size() < config.maxCalls() && (next = queue.poll()) != null;) {
            group.add(next);
        }
        if (!group.isEmpty()) {
            groupSizes.record(group.size());
        }
        Uni<Void> done = group.isEmpty() ? Uni.createFrom().voidItem() : writeGroup(group);
        done.subscribe().with(ignored -> finished(), failure -> finished());
    }

    private void finished() {
        writing.decrementAndGet();
        drain();
    }

    private Uni<Void> writeGroup(List<Pending> group) {
        long start = System.nanoTime();
        return write(group.stream().map(Pending::call).toList())
                .onItemOrFailure().invoke(() -> groupTimes.record(System.nanoTime() - start, TimeUnit.NANOSECONDS))
                .map(outcomes -> {
                    for (int i = 0; i < group.size(); i++) {
                        answer(group.get(i), outcomes.get(i), null);
                    }
                    return (Void) null;
                })
                .onFailure().recoverWithUni(failure -> {
                    if (group.size() == 1) {
                        answer(group.get(0), null, failure);
                        return Uni.createFrom().voidItem();
                    }
                    LOG.warnf("A group of %d calls failed (%s: %s); writing them one by one", group.size(),
                            failure.getClass().getSimpleName(), failure.getMessage());
                    return Multi.createFrom().iterable(group)
                            .onItem().transformToUniAndConcatenate(this::writeAlone)
                            .collect().last().replaceWithVoid();
                });
    }

    private Uni<Void> writeAlone(Pending pending) {
        return write(List.of(pending.call()))
                .onItemOrFailure()
                .invoke((outcomes, failure) -> answer(pending, outcomes == null ? null : outcomes.get(0), failure))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private void answer(Pending pending, Outcome outcome, Throwable failure) {
        Runnable reply = failure == null
                ? () -> pending.emitter().complete(outcome)
                : () -> pending.emitter().fail(failure);
        if (pending.context() == null) {
            reply.run();
        } else {
            pending.context().runOnContext(ignored -> reply.run());
        }
    }

    /** One transaction for the group; the outcomes are in the group's order. */
    private Uni<List<Outcome>> write(List<NewCall> calls) {
        return pool.withTransaction(connection -> claimKeys(connection, calls)
                .flatMap(taken -> {
                    List<NewCall> fresh = calls.stream().filter(c -> !taken.contains(c)).toList();
                    return storeCalls(connection, fresh)
                            .map(stored -> calls.stream()
                                    .map(c -> taken.contains(c)
                                            ? new Outcome.KeyTaken()
                                            : (Outcome) new Outcome.Stored(stored.get(c)))
                                    .toList());
                }));
    }

    /**
     * Inserts the group's idempotency keys first, so a call whose key is already taken (by an earlier request, or
     * earlier in this group) is not stored at all; the caller answers it as a replay. Keys are inserted in sorted
     * order: two groups inserting the same keys then wait for each other instead of deadlocking.
     */
    private Uni<Set<NewCall>> claimKeys(SqlConnection connection, List<NewCall> calls) {
        Set<NewCall> taken = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<KeyOfTenant, NewCall> firstByKey = new LinkedHashMap<>();
        for (NewCall call : calls) {
            if (call.idempotencyKey() != null
                    && firstByKey.putIfAbsent(new KeyOfTenant(call.tenantId(), call.idempotencyKey()),
                            call) != null) {
                taken.add(call);
            }
        }
        if (firstByKey.isEmpty()) {
            return Uni.createFrom().item(taken);
        }
        List<NewCall> claims = firstByKey.values().stream()
                .sorted(Comparator.comparing(NewCall::tenantId).thenComparing(NewCall::idempotencyKey))
                .toList();
        Tuple arguments = Tuple.of(
                claims.stream().map(NewCall::tenantId).toArray(String[]::new),
                claims.stream().map(NewCall::idempotencyKey).toArray(String[]::new),
                claims.stream().map(NewCall::requestHash).toArray(String[]::new),
                claims.stream().map(NewCall::callId).toArray(String[]::new),
                claims.stream().map(c -> CallRows.time(c.now())).toArray(OffsetDateTime[]::new));
        return connection.preparedQuery(CallRows.INSERT_IDEMPOTENCY_KEYS).execute(arguments).map(rows -> {
            Set<KeyOfTenant> claimed = new HashSet<>();
            for (Row row : rows) {
                claimed.add(new KeyOfTenant(row.getString("tenant_id"), row.getString("idem_key")));
            }
            firstByKey.forEach((key, call) -> {
                if (!claimed.contains(key)) {
                    taken.add(call);
                }
            });
            return taken;
        });
    }

    /**
     * A call from a number with an open promise is a chase: it is linked to the oldest such promise (what the caller
     * has waited for longest, even when the chase call makes a promise of its own), which counts it and announces it,
     * keyed by the chased call so it is ordered with that promise's own events. Within a group the calls are linked
     * in arrival order, exactly as if each had its own transaction.
     */
    private Uni<Map<NewCall, StoredCall>> storeCalls(SqlConnection connection, List<NewCall> calls) {
        if (calls.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        TreeSet<Caller> callers = new TreeSet<>();
        calls.stream().filter(c -> number(c) != null).forEach(c -> callers.add(new Caller(c.tenantId(), number(c))));
        Uni<List<OpenPromise>> open = callers.isEmpty()
                ? Uni.createFrom().item(List.of())
                : connection.preparedQuery(CallRows.LOCK_OLDEST_OPEN)
                        .execute(Tuple.of(callers.stream().map(Caller::tenantId).toArray(String[]::new),
                                callers.stream().map(Caller::number).toArray(String[]::new)))
                        .map(rows -> {
                            List<OpenPromise> found = new ArrayList<>();
                            rows.forEach(row -> found.add(OpenPromise.of(row)));
                            return found;
                        });
        return open.flatMap(promises -> {
            Map<Caller, List<Chaseable>> chaseable = new HashMap<>();
            for (OpenPromise p : promises) {
                Chaseable c = new Chaseable(p.id(), p.receivedAt(), p.chaseCount(), false);
                chaseable.computeIfAbsent(new Caller(p.tenantId(), p.callbackNumber()), k -> new ArrayList<>()).add(c);
            }
            List<OutboxRow> events = new ArrayList<>();
            Set<Chaseable> chased = new HashSet<>();
            List<CallDetails> written = new ArrayList<>();
            Map<NewCall, Chaseable> promisedHere = new IdentityHashMap<>();
            for (NewCall call : calls) {
                CallDetails details = call.call();
                if (number(call) != null) {
                    List<Chaseable> candidates = chaseable.computeIfAbsent(
                            new Caller(call.tenantId(), number(call)), k -> new ArrayList<>());
                    Chaseable oldest = candidates.stream().min(OLDEST).orElse(null);
                    if (oldest != null) {
                        oldest.chaseCount++;
                        chased.add(oldest);
                        details = details.chasing(oldest.id);
                        events.add(OutboxRow.of(Topics.CALL_EVENTS, CallbackChased.of(call.tenantId(), oldest.id,
                                call.now(), call.callId(), oldest.chaseCount), call.traceParent()));
                    }
                    if (details.callbackPromised()) {
                        Chaseable own = new Chaseable(call.callId(), details.receivedAt(), 0, true);
                        candidates.add(own);
                        promisedHere.put(call, own);
                    }
                }
                events.add(OutboxRow.of(Topics.CALL_EVENTS, CallReceived.of(call.tenantId(), call.callId(), call.now(),
                        details), call.traceParent()));
                written.add(details);
            }
            List<Tuple> counts = chased.stream().filter(c -> !c.madeInGroup)
                    .map(c -> Tuple.of(c.id, c.chaseCount)).toList();
            Map<NewCall, StoredCall> stored = new IdentityHashMap<>();
            List<Tuple> rows = new ArrayList<>();
            for (int i = 0; i < calls.size(); i++) {
                NewCall call = calls.get(i);
                Chaseable own = promisedHere.get(call);
                StoredCall row = CallRows.stored(call.callId(), call.tenantId(), written.get(i),
                        own == null ? 0 : own.chaseCount);
                stored.put(call, row);
                rows.add(CallRows.insertArguments(row, written.get(i)));
            }
            return batch(connection, CallRows.COUNT_CHASE, counts)
                    .chain(() -> batch(connection, CallRows.INSERT_CALL, rows))
                    .chain(() -> outbox.appendAll(connection, events))
                    .replaceWith(stored);
        });
    }

    private static String number(NewCall call) {
        return call.call().callbackNumber().value();
    }

    /** Sent as one pipelined exchange: the round trip is paid once per group, not once per row. */
    private static Uni<Void> batch(SqlConnection connection, String sql, List<Tuple> rows) {
        return rows.isEmpty()
                ? Uni.createFrom().voidItem()
                : connection.preparedQuery(sql).executeBatch(rows).replaceWithVoid();
    }
}
