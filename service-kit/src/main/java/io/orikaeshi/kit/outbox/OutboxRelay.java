package io.orikaeshi.kit.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.orikaeshi.kit.tracing.Tracing;
import io.orikaeshi.kit.work.BackgroundWorker;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes outbox rows to Kafka in insertion order, then deletes them, in one database transaction.
 *
 * <p>Only one relay of a service publishes at a time (a transaction-scoped advisory lock): with several instances,
 * two relays working on neighbouring rows could otherwise reorder the events of one call. A crash between the broker's
 * acknowledgement and the commit re-publishes the batch; events keep their ids, and consumers deduplicate on them.
 */
@Singleton
@IfBuildProperty(name = "orikaeshi.outbox.enabled", stringValue = "true")
public class OutboxRelay extends BackgroundWorker {

    /** Arbitrary constant naming the "relay" advisory lock inside each service's own database. */
    private static final long RELAY_LOCK = 0x6f72696b61L;

    private static final String SELECT = "select id, event_id, topic, message_key, event_type, payload, trace_parent"
            + " from outbox order by id limit $1";
    private static final String DELETE = "delete from outbox where id = any($1)";

    @Inject
    @Channel("outbox")
    MutinyEmitter<String> emitter;
    @Inject
    OutboxConfig config;
    @Inject
    MeterRegistry registry;
    @Inject
    Pool pool;
    @Inject
    Tracer tracer;

    OutboxRelay() {
        super("outbox-relay");
    }

    /** A row read back for publication. */
    private record Pending(long id, String eventId, String topic, String messageKey, String eventType, String payload,
            String traceParent) {
    }

    // On the reactive SQL client rather than Hibernate: the relay runs for every event a service writes, and a
    // Hibernate session per round was a tenth of intake's CPU at 1,000 calls/s.
    @Override
    protected Uni<Round> round() {
        return pool.withTransaction(connection -> connection
                .query("select pg_try_advisory_xact_lock(" + RELAY_LOCK + ")").execute()
                .flatMap(rows -> rows.iterator().next().getBoolean(0)
                        ? publishLocked(connection)
                        : Uni.createFrom().item(0)))
                .map(published -> published == config.batchSize()
                        ? Round.more()
                        : Round.idle(config.pollInterval()));
    }

    private Uni<Integer> publishLocked(SqlConnection connection) {
        return connection.preparedQuery(SELECT).execute(Tuple.of(config.batchSize()))
                .flatMap(rows -> {
                    List<Pending> records = new ArrayList<>();
                    for (Row row : rows) {
                        records.add(new Pending(row.getLong("id"), row.getString("event_id"), row.getString("topic"),
                                row.getString("message_key"), row.getString("event_type"), row.getString("payload"),
                                row.getString("trace_parent")));
                    }
                    if (records.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    // Subscribed in list order, so the producer receives (and, being idempotent, keeps) that order.
                    List<Uni<Void>> sends = records.stream().map(this::send).toList();
                    Long[] ids = records.stream().map(Pending::id).toArray(Long[]::new);
                    return Uni.join().all(sends).andFailFast()
                            .invoke(done -> records.forEach(this::count))
                            .flatMap(done -> connection.preparedQuery(DELETE).execute(Tuple.of(ids)))
                            .replaceWith(records.size());
                });
    }

    /**
     * Sends the row under a producer span, child of the work that wrote it (its stored traceparent), and names that
     * span in the record's traceparent header: consumers continue the call's trace from the publication.
     */
    private Uni<Void> send(Pending record) {
        Span span = Tracing.span(tracer, "publish " + record.eventType(), SpanKind.PRODUCER, record.traceParent())
                .setAttribute(Tracing.MESSAGING_SYSTEM, "kafka")
                .setAttribute(Tracing.DESTINATION, record.topic())
                .setAttribute(Tracing.MESSAGE_KEY, record.messageKey())
                .setAttribute(Tracing.MESSAGE_ID, record.eventId())
                .startSpan();
        RecordHeaders headers = new RecordHeaders();
        headers.add("event-id", record.eventId().getBytes(StandardCharsets.UTF_8));
        headers.add("event-type", record.eventType().getBytes(StandardCharsets.UTF_8));
        String traceparent = Tracing.traceparent(span);
        if (traceparent != null) {
            headers.add(Tracing.HEADER, traceparent.getBytes(StandardCharsets.US_ASCII));
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(record.topic())
                .withKey(record.messageKey())
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(record.payload()).addMetadata(metadata))
                .onTermination().invoke((done, failure, cancelled) -> Tracing.end(span, failure));
    }

    /**
     * The business figures (calls accepted = CallReceived, emails sent/deferred/failed = NotificationSent/Deferred/
     * Failed, deadlines fired = CallbackOverdue, ...) are the events a service commits: counted once Kafka has them.
     * A relay crash between the acknowledgement and the delete counts that batch twice, as it publishes it twice.
     */
    private void count(Pending record) {
        registry.counter("orikaeshi.events.published", "topic", record.topic(), "type", record.eventType()).increment();
    }
}
