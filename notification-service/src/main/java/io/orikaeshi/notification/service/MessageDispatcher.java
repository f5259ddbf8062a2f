package io.orikaeshi.notification.service;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.orikaeshi.events.NotificationDeferred;
import io.orikaeshi.events.NotificationFailed;
import io.orikaeshi.events.NotificationSent;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.events.Topics;
import io.orikaeshi.kit.outbox.Outbox;
import io.orikaeshi.kit.outbox.OutboxRow;
import io.orikaeshi.kit.tracing.Tracing;
import io.orikaeshi.kit.work.BackgroundWorker;
import io.orikaeshi.notification.channel.Verdict;
import io.orikaeshi.notification.repository.MailMessage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.SMTPException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends queued messages of every channel (email over SMTP, chat through {@link ChatSender}), records each outcome in
 * the ledger and publishes it (sent, deferred, failed) through the outbox in the same transaction. Every send ends in
 * a {@link Verdict}: delivered; retried with capped exponential backoff (or later, when the service said when with
 * Retry-After) until the message is too old to matter ({@link DispatchConfig#giveUpAfter()}); or refused for good
 * (a permanent SMTP refusal, a 4xx a retry cannot mend), failed at once.
 *
 * <p>No database transaction is held while a message is on the wire. A round claims due rows in a short transaction
 * (FOR UPDATE SKIP LOCKED, so instances share the queue) and leases them: their next attempt moves a lease ahead, so
 * no other round or instance takes them meanwhile. The batch is then sent and its outcomes recorded in a second
 * transaction, while the worker already claims the next rows (up to {@code max-batches-in-flight} batches at once):
 * a mail queued while a batch is on the wire goes at once instead of waiting for that batch's round to end. If the
 * service dies between a send and its record, the lease runs out and the row is sent again, with the same
 * Message-ID (a chat API's idempotency key), as a rolled-back round was before; sends are bounded well inside the
 * lease so a slow one cannot be doubled by a second claim.
 */
@Singleton
public class MessageDispatcher extends BackgroundWorker {

    private static final Logger LOG = Logger.getLogger(MessageDispatcher.class);
    /**
     * Claims and leases due rows in one statement (a round trip fewer than a select and then an update, in a round
     * that runs for every consumer commit at low rates). Rows held back by the sending limit get their own time after.
     * A CTE makes the update a query, so its RETURNING rows come back through the session's select path.
     */
    private static final String CLAIM_DUE = "with leased as (update mail_message set next_attempt_at = ?3 "
            + "where id in (select id from mail_message where status = 'PENDING' and next_attempt_at <= ?1 "
            + "order by id limit ?2 for update skip locked) returning *) select * from leased order by id";
    private static final String SENT = "update mail_message set status = 'SENT', sent_at = ?1, "
            + "attempts = attempts + 1, last_error = null where id in (?2) and status = 'PENDING'";
    private static final String NOT_SENT = "update mail_message set status = ?1, attempts = ?2, "
            + "next_attempt_at = ?3, last_error = ?4 where id = ?5 and status = 'PENDING'";
    private static final int RECORD_ATTEMPTS = 4;

    @Inject
    ReactiveMailer mailer;
    @Inject
    Outbox outbox;
    @Inject
    DispatchConfig config;
    @Inject
    SendingLimits limits;
    /** Per tenant, mail claimed by this instance and not yet recorded: the sending limit counts it as sent. */
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger batchesInFlight = new AtomicInteger();
    @Inject
    Tracer tracer;
    @Inject
    ChatSender chats;

    MessageDispatcher() {
        super("message-dispatcher");
    }

    /** A claimed batch: the mail leased to this round, and how many rows the claim saw. */
    private record Claim(List<MailMessage> leased, int rows) {
    }

    @Override
    protected Uni<Round> round() {
        if (batchesInFlight.get() >= config.maxBatchesInFlight()) {
            // Every slot is busy: a finishing batch nudges the worker, and the rows wait in the table meanwhile.
            return Uni.createFrom().item(Round.idle(config.pollInterval()));
        }
        return outbox.transaction(this::claim)
                .invoke(claim -> {
                    if (!claim.leased().isEmpty()) {
                        batchesInFlight.incrementAndGet();
                        // Runs on this round's Vert.x context, after the claim committed; the worker goes on.
                        sendAndRecord(claim.leased()).subscribe().with(done -> finished(claim.leased()),
                                failure -> finished(claim.leased()));
                    }
                })
                .map(claim -> claim.rows() == config.batchSize()
                        && batchesInFlight.get() < config.maxBatchesInFlight()
                                ? Round.more()
                                : Round.idle(config.pollInterval()));
    }

    private void finished(List<MailMessage> batch) {
        batch.forEach(m -> inFlight.merge(m.tenantId, -1, (a, b) -> a + b == 0 ? null : a + b));
        batchesInFlight.decrementAndGet();
        nudge();
    }

    /**
     * Claims and leases due rows, then holds back what is over its tenant's sending limit (a deferred event, and
     * its own next attempt instead of the lease, in the same transaction). Only in-flight mail of this instance is
     * counted beside the ledger's sent rows, as before.
     */
    private Uni<Claim> claim() {
        Instant now = Instant.now();
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(CLAIM_DUE, MailMessage.class)
                        .setParameter(1, now)
                        .setParameter(2, config.batchSize())
                        .setParameter(3, now.plus(config.claimLease()))
                        .getResultList())
                .flatMap(rows -> rows.isEmpty()
                        ? Uni.createFrom().item(new Claim(List.of(), 0))
                        : limits.split(rows, tenant -> inFlight.getOrDefault(tenant, 0))
                                .flatMap(split -> {
                                    Uni<Void> chain = Uni.createFrom().voidItem();
                                    for (Map.Entry<MailMessage, Instant> deferred : split.deferred().entrySet()) {
                                        chain = chain
                                                .chain(() -> throttled(deferred.getKey(), deferred.getValue(), now));
                                    }
                                    List<MailMessage> allowed = split.allowed();
                                    return chain.invoke(
                                            () -> allowed.forEach(m -> inFlight.merge(m.tenantId, 1, Integer::sum)))
                                            .replaceWith(new Claim(allowed, rows.size()));
                                }));
    }

    /**
     * Sends the batch's messages concurrently (the mailer pools its SMTP connections, the HTTP client its
     * connections; one at a time left the server idle between replies), then records every outcome in one
     * transaction of a few statements, back on the round's Vert.x context (the mailer and the HTTP client answer on
     * their own threads). The outcomes are decided once; a failed record is retried.
     */
    private Uni<Void> sendAndRecord(List<MailMessage> batch) {
        Context context = Vertx.currentContext();
        List<Span> spans = batch.stream().map(this::sendSpan).toList();
        List<Uni<Verdict>> sends = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Span span = spans.get(i);
            sends.add(send(batch.get(i)).invoke(verdict -> Tracing.end(span, spanFailure(verdict))));
        }
        return Uni.join().all(sends).andFailFast()
                .emitOn(task -> context.runOnContext(ignored -> task.run()))
                .flatMap(verdicts -> {
                    Outcomes outcomes = outcomes(batch, verdicts, spans, Instant.now());
                    return Uni.createFrom().deferred(() -> outbox.transaction(() -> record(outcomes)))
                            .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(2))
                            .atMost(RECORD_ATTEMPTS - 1)
                            .onFailure().invoke(e -> LOG.errorf("Cannot record the outcome of %d mail(s): %s; they"
                                    + " are sent again when their lease ends", batch.size(), e.toString()));
                });
    }

    /** What to write for a sent batch: the sent rows at once, each other row its own state, and every event. */
    private record Outcomes(Instant now, List<Long> sentIds, List<MailMessage> notSent,
            List<OutboxRow> events) {
    }

    /** The send continues the trace of the event that queued the message (its stored traceparent). */
    private Span sendSpan(MailMessage message) {
        String name = message.email() ? "smtp send " : message.channel + " send ";
        return Tracing.span(tracer, name + message.kind, SpanKind.CLIENT, message.traceParent)
                .setAttribute(Tracing.CALL_ID, message.callId)
                .startSpan();
    }

    private Outcomes outcomes(List<MailMessage> batch, List<Verdict> verdicts, List<Span> spans, Instant now) {
        Outcomes outcomes = new Outcomes(now, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(batch.size()));
        for (int i = 0; i < batch.size(); i++) {
            MailMessage message = batch.get(i);
            Verdict verdict = verdicts.get(i);
            OrikaeshiEvent event;
            if (verdict instanceof Verdict.Delivered) {
                outcomes.sentIds().add(message.id);
                event = sent(message, now);
            } else {
                outcomes.notSent().add(message);
                event = notSent(message, verdict, now);
            }
            // The outcome is published as a child of the send it reports.
            outcomes.events().add(OutboxRow.of(Topics.NOTIFICATION_EVENTS, event, Tracing.traceparent(spans.get(i))));
        }
        return outcomes;
    }

    /** What came of sending: a Uni that never fails, so one refusal cannot cancel the rest. */
    private Uni<Verdict> send(MailMessage message) {
        if (!message.email()) {
            // Deferred: whatever a channel's API throws becomes this message's retry, never the whole batch's failure.
            return Uni.createFrom().deferred(() -> chats.send(message))
                    .ifNoItem().after(config.sendTimeout()).recoverWithItem(() -> new Verdict.Retry(Optional.empty(),
                            "no answer within " + config.sendTimeout()))
                    .onFailure().recoverWithItem(failure -> new Verdict.Retry(Optional.empty(), failure.toString()));
        }
        Mail mail = Mail.withText(message.recipient, message.subject, message.textBody)
                .setHtml(message.htmlBody)
                .addHeader("Message-ID", message.messageId);
        return mailer.send(mail)
                .ifNoItem().after(config.sendTimeout()).failWith(() -> new TimeoutException(
                        "no SMTP answer within " + config.sendTimeout()))
                .<Verdict>map(ok -> new Verdict.Delivered()).onFailure().recoverWithItem(MessageDispatcher::smtp);
    }

    /** A permanent refusal (5xx) is final at once: retrying would only hammer the server and delay the verdict. */
    private static Verdict smtp(Throwable failure) {
        return failure instanceof SMTPException smtp && smtp.isPermanent()
                ? new Verdict.Refused(failure.toString())
                : new Verdict.Retry(Optional.empty(), failure.toString());
    }

    private static Throwable spanFailure(Verdict verdict) {
        if (verdict instanceof Verdict.Retry retry) {
            return new IllegalStateException(retry.reason());
        }
        if (verdict instanceof Verdict.Refused refused) {
            return new IllegalStateException(refused.reason());
        }
        return null;
    }

    private Uni<Void> record(Outcomes outcomes) {
        return Panache.getSession().flatMap(session -> {
            Uni<Void> chain = outcomes.sentIds().isEmpty()
                    ? Uni.createFrom().voidItem()
                    : session.createNativeQuery(SENT).setParameter(1, outcomes.now())
                            .setParameter(2, outcomes.sentIds()).executeUpdate().replaceWithVoid();
            for (MailMessage message : outcomes.notSent()) {
                chain = chain.chain(() -> session.createNativeQuery(NOT_SENT)
                        .setParameter(1, message.status.name())
                        .setParameter(2, message.attempts)
                        .setParameter(3, message.nextAttemptAt)
                        .setParameter(4, message.lastError)
                        .setParameter(5, message.id)
                        .executeUpdate().replaceWithVoid());
            }
            return chain.chain(() -> outbox.appendAll(outcomes.events()));
        });
    }

    private Uni<Void> throttled(MailMessage message, Instant until, Instant now) {
        message.nextAttemptAt = until;
        LOG.debugf("Tenant %s is at its sending limit; %s of call %s waits until %s", message.tenantId,
                message.kind, message.callId, until);
        return outbox.append(Topics.NOTIFICATION_EVENTS, NotificationDeferred.of(message.tenantId, message.callId, now,
                message.messageId, message.kind.name(), message.recipient, message.channel, until,
                "tenant sending limit"), message.traceParent);
    }

    private static OrikaeshiEvent sent(MailMessage message, Instant now) {
        return NotificationSent.of(message.tenantId, message.callId, now, message.messageId, message.kind.name(),
                message.recipient, message.channel);
    }

    /**
     * Sets the row's next state on the detached message (written by {@link #NOT_SENT}). A refusal is final at once;
     * a retry waits the capped exponential backoff, or longer when the service asked for longer (Retry-After).
     */
    private OrikaeshiEvent notSent(MailMessage message, Verdict verdict, Instant now) {
        message.attempts++;
        Optional<Duration> asked = verdict instanceof Verdict.Retry retry ? retry.after() : Optional.empty();
        message.lastError = truncate(verdict instanceof Verdict.Retry retry
                ? retry.reason()
                : ((Verdict.Refused) verdict).reason());
        Instant queuedSince = message.heldUntil != null && message.heldUntil.isAfter(message.createdAt)
                ? message.heldUntil
                : message.createdAt;
        if (verdict instanceof Verdict.Refused || !now.isBefore(queuedSince.plus(config.giveUpAfter()))) {
            message.status = MailMessage.Status.FAILED;
            LOG.errorf("Giving up %s of call %s (%s) after %d attempt(s): %s", message.kind, message.callId,
                    message.channel, message.attempts, message.lastError);
            return NotificationFailed.of(message.tenantId, message.callId, now, message.messageId,
                    message.kind.name(), message.recipient, message.channel, message.lastError);
        }
        Duration delay = config.firstRetryDelay().multipliedBy(1L << Math.min(message.attempts - 1, 20));
        if (delay.compareTo(config.maxRetryDelay()) > 0) {
            delay = config.maxRetryDelay();
        }
        if (asked.isPresent() && asked.get().compareTo(delay) > 0) {
            delay = asked.get();
        }
        message.nextAttemptAt = now.plus(delay);
        LOG.warnf("Sending %s of call %s (%s) failed (attempt %d), retrying in %s: %s", message.kind,
                message.callId, message.channel, message.attempts, delay, message.lastError);
        return NotificationDeferred.of(message.tenantId, message.callId, now, message.messageId, message.kind.name(),
                message.recipient, message.channel, message.nextAttemptAt, message.lastError);
    }

    private static String truncate(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 1000);
    }
}
