package io.orikaeshi.scheduler.bench;

import java.time.Instant;
import java.util.function.LongFunction;

/** One scheduler implementation under the benchmark's workload. */
interface Workload extends AutoCloseable {

    String name();

    /** Creates the tables (dropping earlier ones). */
    void createSchema() throws Exception;

    /** Arms {@code count} timers, the i-th due at {@code dueAt(i)}, in batches; answers timers inserted per second. */
    double insert(long count, LongFunction<Instant> dueAt) throws Exception;

    /**
     * Arms {@code count} far-future timers server-side (INSERT ... SELECT generate_series), with the same row shape and
     * indexes as {@link #insert}, due over {@code spreadMillis} from {@code from}: the bulk of a very large table.
     * Due times are distinct, as the batched inserts' are (repeating them would let B-tree deduplication shrink the
     * due-time index to a fraction of the size distinct promises give it).
     */
    void bulkFill(long count, Instant from, long spreadMillis) throws Exception;

    /** Starts firing; every fired timer is recorded in {@code lateness}. */
    void start(Lateness lateness) throws Exception;

    /** Stops picking new timers until {@link #resume()} (for the burst: everything is due before firing resumes). */
    void pause() throws Exception;

    void resume() throws Exception;

    long pending() throws Exception;

    /** The plan PostgreSQL picks for the firing query now, for the log; null when the query is not ours to show. */
    default String firingPlan() throws Exception {
        return null;
    }
}
