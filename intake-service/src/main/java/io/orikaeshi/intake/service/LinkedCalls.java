package io.orikaeshi.intake.service;

import io.orikaeshi.events.NotificationViewed;
import io.orikaeshi.events.Topics;
import io.orikaeshi.intake.repository.CallReading;
import io.orikaeshi.intake.repository.CallRows;
import io.orikaeshi.kit.outbox.Outbox;
import io.orikaeshi.kit.outbox.OutboxRow;
import io.orikaeshi.kit.tracing.Tracing;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The calls that signed links of messages open: reading one, and recording that a message was read. */
@ApplicationScoped
public class LinkedCalls {

    /**
     * Only the first opening of a message inserts (and so announces) its view, and only for a call of the link's
     * tenant: a link whose call is gone or belongs elsewhere records nothing.
     */
    private static final String INSERT_VIEW = "insert into message_view (message_id, tenant_id, call_id, viewed_at)"
            + " select $1::varchar, $2::varchar, $3::varchar, $4::timestamptz"
            + " where exists (select 1 from received_call where id = $3::varchar and tenant_id = $2::varchar)"
            + " on conflict (message_id) do nothing returning message_id";

    @Inject
    Pool pool;

    @Inject
    Outbox outbox;

    public Uni<Optional<CallReading>> read(String tenantId, String callId) {
        return pool.preparedQuery(CallReading.FIND).execute(Tuple.of(callId, tenantId))
                .map(rows -> rows.size() == 0
                        ? Optional.<CallReading>empty()
                        : Optional.of(CallReading.of(rows.iterator().next())));
    }

    /** @return whether this opening was the message's first (and so published NotificationViewed) */
    public Uni<Boolean> viewed(String tenantId, String callId, String messageId) {
        String traceParent = Tracing.currentTraceparent();
        Instant now = Instant.now();
        return pool.withTransaction(connection -> connection.preparedQuery(INSERT_VIEW)
                .execute(Tuple.of(messageId, tenantId, callId, CallRows.time(now)))
                .flatMap(rows -> rows.size() == 0
                        ? Uni.createFrom().item(false)
                        : outbox.appendAll(connection, List.of(OutboxRow.of(Topics.CALL_EVENTS,
                                NotificationViewed.of(tenantId, callId, now, messageId), traceParent)))
                                .replaceWith(true)));
    }
}
