package io.orikaeshi.notification.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Rows an event batch adds (call snapshots, mail rows, outbox events), written with one insert per table when
 * {@link #flush()}ed, inside the batch's transaction. One statement per row was most of the consume stage's time:
 * on a busy machine each round trip waits for PostgreSQL to be scheduled. Anything that reads the ledger flushes
 * first, so it sees what the batch wrote before it. Not thread-safe: one per transaction.
 */
public final class PendingRows {

    private static final String MAIL_COLUMNS = "message_id, event_id, tenant_id, call_id, kind, recipient, subject, "
            + "text_body, html_body, status, attempts, next_attempt_at, created_at, held_until, trace_parent";
    private static final int MAIL_COUNT = 15;
    private static final String SNAPSHOT_COLUMNS = "call_id, tenant_id, event_json, received_at, due_at, urgent";
    private static final int SNAPSHOT_COUNT = 6;

    private final OutboxRows outbox;
    private final List<CallSnapshot> snapshots = new ArrayList<>();
    private final List<MailMessage> mails = new ArrayList<>();
    private final List<OutboxRows.Pending> events = new ArrayList<>();

    public PendingRows(OutboxRows outbox) {
        this.outbox = outbox;
    }

    public void add(CallSnapshot snapshot) {
        snapshots.add(snapshot);
    }

    public void add(MailMessage mail) {
        mails.add(mail);
    }

    public void add(OutboxRows.Pending event) {
        events.add(event);
    }

    /** Writes what is pending (snapshots, then mail, then events) and forgets it. */
    public Uni<Void> flush() {
        List<CallSnapshot> snapshotRows = List.copyOf(snapshots);
        List<MailMessage> mailRows = List.copyOf(mails);
        List<OutboxRows.Pending> eventRows = List.copyOf(events);
        snapshots.clear();
        mails.clear();
        events.clear();
        if (snapshotRows.isEmpty() && mailRows.isEmpty() && eventRows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession()
                .flatMap(session -> insertSnapshots(session, snapshotRows)
                        .chain(() -> insertMails(session, mailRows)))
                .chain(() -> outbox.append(eventRows));
    }

    private static Uni<Void> insertSnapshots(Mutiny.Session session, List<CallSnapshot> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        var insert = session.createNativeQuery("insert into call_snapshot (" + SNAPSHOT_COLUMNS + ") values "
                + placeholders(rows.size(), SNAPSHOT_COUNT));
        for (int i = 0; i < rows.size(); i++) {
            CallSnapshot s = rows.get(i);
            int base = i * SNAPSHOT_COUNT;
            insert.setParameter(base + 1, s.callId);
            insert.setParameter(base + 2, s.tenantId);
            insert.setParameter(base + 3, s.eventJson);
            insert.setParameter(base + 4, s.receivedAt);
            insert.setParameter(base + 5, s.dueAt);
            insert.setParameter(base + 6, s.urgent);
        }
        return insert.executeUpdate().replaceWithVoid();
    }

    private static Uni<Void> insertMails(Mutiny.Session session, List<MailMessage> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        var insert = session.createNativeQuery("insert into mail_message (" + MAIL_COLUMNS + ") values "
                + placeholders(rows.size(), MAIL_COUNT));
        for (int i = 0; i < rows.size(); i++) {
            MailMessage m = rows.get(i);
            int base = i * MAIL_COUNT;
            insert.setParameter(base + 1, m.messageId);
            insert.setParameter(base + 2, m.eventId);
            insert.setParameter(base + 3, m.tenantId);
            insert.setParameter(base + 4, m.callId);
            insert.setParameter(base + 5, m.kind.name());
            insert.setParameter(base + 6, m.recipient);
            insert.setParameter(base + 7, m.subject);
            insert.setParameter(base + 8, m.textBody);
            insert.setParameter(base + 9, m.htmlBody);
            insert.setParameter(base + 10, m.status.name());
            insert.setParameter(base + 11, m.attempts);
            insert.setParameter(base + 12, m.nextAttemptAt);
            insert.setParameter(base + 13, m.createdAt);
            insert.setParameter(base + 14, m.heldUntil);
            insert.setParameter(base + 15, m.traceParent);
        }
        return insert.executeUpdate().replaceWithVoid();
    }

    /** {@code (?1, ?2), (?3, ?4)} for rows = 2, columns = 2: a multi-row VALUES list. */
    static String placeholders(int rows, int columns) {
        StringJoiner all = new StringJoiner(", ");
        for (int i = 0; i < rows; i++) {
            StringJoiner row = new StringJoiner(", ", "(", ")");
            for (int c = 1; c <= columns; c++) {
                row.add("?" + (i * columns + c));
            }
            all.add(row.toString());
        }
        return all.toString();
    }
}
