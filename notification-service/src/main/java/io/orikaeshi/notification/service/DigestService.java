package io.orikaeshi.notification.service;

import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.EventCodec;
import io.orikaeshi.kit.tenant.TenantSettings;
import io.orikaeshi.notification.mapping.DigestModel;
import io.orikaeshi.notification.mapping.HeaderSafe;
import io.orikaeshi.notification.mapping.MailModel;
import io.orikaeshi.notification.mapping.Wording;
import io.orikaeshi.notification.repository.CallSnapshot;
import io.orikaeshi.notification.repository.MailMessage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.qute.Engine;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.orikaeshi.kit.sql.SqlValues.instant;

/**
 * The daily digest of a tenant that takes its reports that way: the calls since the previous digest in numbers,
 * and the callbacks still open, overdue ones apart. Each digest is recorded, so one period is summed up once and
 * the next one starts where it ended.
 */
@ApplicationScoped
public class DigestService {

    /** A digest lists at most this many open callbacks; the counts stay complete. */
    static final int MAX_LINES = 100;

    private static final String CLAIM = "insert into mail_digest (tenant_id, period_end, period_start, created_at) "
            + "values (?1, ?2, ?3, now()) on conflict do nothing";
    private static final String PREVIOUS_END = "select max(period_end) from mail_digest where tenant_id = ?1 "
            + "and period_end < ?2";
    private static final String COUNTS = "select count(*), count(*) filter (where urgent), count(due_at) "
            + "from call_snapshot where tenant_id = ?1 and received_at >= ?2 and received_at < ?3";

    @Inject
    Engine templates;
    @Inject
    MessageDispatcher dispatcher;

    /** The instant of the tenant's digest on the local date of {@code at}. */
    public static Instant scheduledOn(TenantSettings tenant, LocalTime digestAt, Instant at) {
        return at.atZone(tenant.timeZone()).toLocalDate().atTime(digestAt).atZone(tenant.timeZone()).toInstant();
    }

    /** Whether the digest ending at {@code periodEnd} was made already. */
    public Uni<Boolean> exists(String tenantId, Instant periodEnd) {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                "select count(*) from mail_digest where tenant_id = ?1 and period_end = ?2", Long.class)
                .setParameter(1, tenantId).setParameter(2, periodEnd).getSingleResult()))
                .map(count -> count > 0);
    }

    /**
     * Queues the digest of the period ending at {@code periodEnd} (from the previous digest's end, or one day
     * before) to the tenant's report recipients. Does nothing when that digest was made already.
     *
     * @return whether a digest was queued
     */
    public Uni<Boolean> send(TenantSettings tenant, Instant periodEnd) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery(PREVIOUS_END, Object.class)
                .setParameter(1, tenant.id()).setParameter(2, periodEnd)
                .getSingleResult()
                .map(previous -> previous == null ? periodEnd.minus(Duration.ofDays(1)) : instant(previous))
                .flatMap(periodStart -> session.createNativeQuery(CLAIM)
                        .setParameter(1, tenant.id()).setParameter(2, periodEnd).setParameter(3, periodStart)
                        .executeUpdate()
                        .flatMap(claimed -> claimed == 0
                                ? Uni.createFrom().item(false)
                                : compose(session, tenant, periodStart, periodEnd).replaceWith(true)))))
                .invoke(queued -> {
                    if (queued) {
                        dispatcher.nudge();
                    }
                });
    }

    private Uni<Void> compose(org.hibernate.reactive.mutiny.Mutiny.Session session, TenantSettings tenant,
            Instant periodStart, Instant periodEnd) {
        Wording wording = Wording.of(tenant.locale());
        Uni<Object[]> counts = session.createNativeQuery(COUNTS, Object[].class)
                .setParameter(1, tenant.id()).setParameter(2, periodStart).setParameter(3, periodEnd)
                .getSingleResult();
        Uni<List<CallSnapshot>> open = CallSnapshot.<CallSnapshot>find(
                "tenantId = ?1 and closedAt is null and dueAt is not null and receivedAt < ?2 order by dueAt",
                tenant.id(), periodEnd)
                .page(0, MAX_LINES).list();
        return counts.flatMap(row -> open.flatMap(snapshots -> {
            List<DigestModel.Line> overdue = new ArrayList<>();
            List<DigestModel.Line> notYetDue = new ArrayList<>();
            for (CallSnapshot snapshot : snapshots) {
                (snapshot.dueAt.isBefore(periodEnd) ? overdue : notYetDue).add(line(snapshot, tenant, wording));
            }
            DigestModel model = new DigestModel(tenant.name(), MailModel.time(periodStart, tenant, wording),
                    MailModel.time(periodEnd, tenant, wording), number(row[0]), number(row[1]), number(row[2]),
                    overdue, notYetDue);
            String subject = wording.digestSubject(model.periodEnd(), model.received(), model.openCount(),
                    model.overdueCount());
            String text = render("mail/digest-" + wording.templateSuffix() + ".txt", model);
            String html = render("mail/digest-" + wording.templateSuffix() + ".html", model);
            return queue(tenant, periodEnd, subject, text, html);
        }));
    }

    private static DigestModel.Line line(CallSnapshot snapshot, TenantSettings tenant, Wording wording) {
        MailModel call = MailModel.of(tenant, snapshot.callId,
                ((CallReceived) EventCodec.fromJson(snapshot.eventJson)).call(), wording);
        return new DigestModel.Line(call.callerSubject(), MailModel.time(snapshot.dueAt, tenant, wording),
                call.addressee(), snapshot.callId);
    }

    private Uni<Void> queue(TenantSettings tenant, Instant periodEnd, String subject, String text, String html) {
        String digestId = UUID.nameUUIDFromBytes(("digest|" + tenant.id() + "|" + periodEnd)
                .getBytes(StandardCharsets.UTF_8)).toString();
        Instant now = Instant.now();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String recipient : tenant.reportRecipients()) {
            MailMessage mail = new MailMessage();
            mail.messageId = MessageComposer.messageId(digestId, recipient);
            mail.eventId = digestId;
            mail.tenantId = tenant.id();
            // A digest is about no single call: its own id keys its delivery events.
            mail.callId = digestId;
            mail.kind = MailMessage.Kind.DIGEST;
            mail.recipient = recipient;
            mail.subject = HeaderSafe.subject(subject);
            mail.textBody = text;
            mail.htmlBody = html;
            mail.status = MailMessage.Status.PENDING;
            mail.nextAttemptAt = now;
            mail.createdAt = now;
            chain = chain.chain(() -> mail.persist().replaceWithVoid());
        }
        return chain;
    }

    private String render(String template, DigestModel model) {
        return templates.getTemplate(template).data("d", model).render();
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
