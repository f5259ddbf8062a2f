package io.orikaeshi.notification.repository;

import io.orikaeshi.kit.outbox.Outbox;
import io.orikaeshi.kit.outbox.OutboxRow;
import io.orikaeshi.kit.sql.MultiRowInsert;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows an event batch adds (call snapshots, message rows, outbox events), written with one insert per table when
 * {@link #flush()}ed, inside the batch's transaction: with one statement per row the round trips would dominate the
 * consume stage, as on a busy machine each round trip waits for PostgreSQL to be scheduled. Anything that reads the ledger flushes
 * first, so it sees what the batch wrote before it. Not thread-safe: one per transaction.
 */
public final class PendingRows {

    private static final MultiRowInsert<CallSnapshot> SNAPSHOTS = new MultiRowInsert<>("call_snapshot",
            List.of("call_id", "tenant_id", "event_json", "received_at", "due_at", "urgent"),
            s -> new Object[]{s.callId, s.tenantId, s.eventJson, s.receivedAt, s.dueAt, s.urgent});
    private static final MultiRowInsert<MailMessage> MAILS = new MultiRowInsert<>("mail_message",
            List.of("message_id", "event_id", "tenant_id", "call_id", "kind", "recipient", "subject", "text_body",
                    "html_body", "status", "attempts", "next_attempt_at", "created_at", "held_until", "trace_parent",
                    "channel", "channel_id", "chat_json"),
            m -> new Object[]{m.messageId, m.eventId, m.tenantId, m.callId, m.kind.name(), m.recipient, m.subject,
                    m.textBody, m.htmlBody, m.status.name(), m.attempts, m.nextAttemptAt, m.createdAt, m.heldUntil,
                    m.traceParent, m.channel, m.channelId, m.chatJson});

    private final Outbox outbox;
    private final List<CallSnapshot> snapshots = new ArrayList<>();
    private final List<MailMessage> mails = new ArrayList<>();
    private final List<OutboxRow> events = new ArrayList<>();

    public PendingRows(Outbox outbox) {
        this.outbox = outbox;
    }

    public void add(CallSnapshot snapshot) {
        snapshots.add(snapshot);
    }

    public void add(MailMessage mail) {
        mails.add(mail);
    }

    public void add(OutboxRow event) {
        events.add(event);
    }

    /** Writes what is pending (snapshots, then mail, then events) and forgets it. */
    public Uni<Void> flush() {
        List<CallSnapshot> snapshotRows = List.copyOf(snapshots);
        List<MailMessage> mailRows = List.copyOf(mails);
        List<OutboxRow> eventRows = List.copyOf(events);
        snapshots.clear();
        mails.clear();
        events.clear();
        if (snapshotRows.isEmpty() && mailRows.isEmpty() && eventRows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession()
                .flatMap(session -> SNAPSHOTS.execute(session, snapshotRows)
                        .chain(() -> MAILS.execute(session, mailRows)))
                .chain(() -> outbox.appendAll(eventRows));
    }
}
