package io.orikaeshi.notification.service;

import io.orikaeshi.events.NotificationDeferred;
import io.orikaeshi.events.NotificationFailed;
import io.orikaeshi.events.NotificationSent;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.events.Topics;
import io.orikaeshi.kit.outbox.Outbox;
import io.orikaeshi.kit.work.BackgroundWorker;
import io.orikaeshi.notification.repository.MailMessage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.mail.SMTPException;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Sends queued emails, records each outcome in the ledger and publishes it (sent, deferred, failed) through the
 * outbox in the same transaction. Rows are claimed with FOR UPDATE SKIP LOCKED, so instances share the
 * queue without sending a row twice; a failure is retried with exponential backoff until the last attempt.
 */
@Singleton
public class MailDispatcher extends BackgroundWorker {

    private static final Logger LOG = Logger.getLogger(MailDispatcher.class);
    private static final String CLAIM_DUE = "select * from mail_message where status = 'PENDING' "
            + "and next_attempt_at <= ?1 order by id limit ?2 for update skip locked";

    private final ReactiveMailer mailer;
    private final Outbox outbox;
    private static final Throwable NO_FAILURE = new Throwable("sent");

    private final DispatchConfig config;
    private final SendingLimits limits;

    public MailDispatcher(ReactiveMailer mailer, Outbox outbox, DispatchConfig config, SendingLimits limits) {
        super("mail-dispatcher", config.retryPause());
        this.mailer = mailer;
        this.outbox = outbox;
        this.config = config;
        this.limits = limits;
    }

    @Override
    protected Uni<Round> round() {
        return Panache.withTransaction(() -> Panache.getSession()
                        .flatMap(session -> session.createNativeQuery(CLAIM_DUE, MailMessage.class)
                                .setParameter(1, Instant.now())
                                .setParameter(2, config.batchSize())
                                .getResultList())
                        .flatMap(this::sendAll))
                .invoke(handled -> {
                    if (handled > 0) {
                        outbox.committed();
                    }
                })
                .map(handled -> handled == config.batchSize()
                        ? Round.more()
                        : Round.idle(config.pollInterval()));
    }

    /**
     * Sends the batch's mails concurrently (the mailer pools its SMTP connections; one at a time left the server
     * idle between replies), then records the outcomes one by one: a Hibernate Reactive session takes one
     * operation at a time. Mail beyond its tenant's sending limit is put back for later, not sent.
     */
    private Uni<Integer> sendAll(List<MailMessage> batch) {
        return limits.split(batch).flatMap(split -> {
            List<Uni<Throwable>> sends = split.allowed().stream().map(this::send).toList();
            Uni<List<Throwable>> outcomes = sends.isEmpty() ? Uni.createFrom().item(List.of())
                    : Uni.join().all(sends).andFailFast();
            return outcomes.flatMap(failures -> {
                Instant now = Instant.now();
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (int i = 0; i < failures.size(); i++) {
                    MailMessage message = split.allowed().get(i);
                    Throwable failure = failures.get(i);
                    chain = chain.chain(() -> record(message, failure == NO_FAILURE ? null : failure, now));
                }
                for (Map.Entry<MailMessage, Instant> deferred : split.deferred().entrySet()) {
                    chain = chain.chain(() -> throttled(deferred.getKey(), deferred.getValue(), now));
                }
                return chain;
            });
        }).replaceWith(batch.size());
    }

    /** The failure of sending, or {@link #NO_FAILURE}: a Uni that never fails, so one refusal cannot cancel the rest. */
    private Uni<Throwable> send(MailMessage message) {
        Mail mail = Mail.withText(message.recipient, message.subject, message.textBody)
                .setHtml(message.htmlBody)
                .addHeader("Message-ID", message.messageId);
        return mailer.send(mail).map(ok -> NO_FAILURE).onFailure().recoverWithItem(failure -> failure);
    }

    private Uni<Void> record(MailMessage message, Throwable failure, Instant now) {
        message.attempts++;
        return outbox.append(Topics.NOTIFICATION_EVENTS,
                failure == null ? sent(message, now) : failed(message, failure, now), message.traceParent);
    }

    private Uni<Void> throttled(MailMessage message, Instant until, Instant now) {
        message.nextAttemptAt = until;
        LOG.debugf("Tenant %s is at its sending limit; %s of call %s waits until %s", message.tenantId,
                message.kind, message.callId, until);
        return outbox.append(Topics.NOTIFICATION_EVENTS, NotificationDeferred.of(message.tenantId, message.callId, now,
                message.messageId, message.kind.name(), message.recipient, until, "tenant sending limit"),
                message.traceParent);
    }

    private OrikaeshiEvent sent(MailMessage message, Instant now) {
        message.status = MailMessage.Status.SENT;
        message.sentAt = now;
        message.lastError = null;
        return NotificationSent.of(message.tenantId, message.callId, now, message.messageId, message.kind.name(),
                message.recipient);
    }

    /** A permanent refusal (5xx) is final at once: retrying would only hammer the server and delay the verdict. */
    private OrikaeshiEvent failed(MailMessage message, Throwable failure, Instant now) {
        message.lastError = truncate(failure.toString());
        boolean permanent = failure instanceof SMTPException smtp && smtp.isPermanent();
        if (permanent || message.attempts >= config.maxAttempts()) {
            message.status = MailMessage.Status.FAILED;
            LOG.errorf("Giving up %s of call %s after %d attempt(s): %s", message.kind, message.callId,
                    message.attempts, message.lastError);
            return NotificationFailed.of(message.tenantId, message.callId, now, message.messageId,
                    message.kind.name(), message.recipient, message.lastError);
        }
        Duration delay = config.firstRetryDelay().multipliedBy(1L << Math.min(message.attempts - 1, 10));
        message.nextAttemptAt = now.plus(delay);
        LOG.warnf("Sending %s of call %s failed (attempt %d), retrying in %s: %s", message.kind,
                message.callId, message.attempts, delay, message.lastError);
        return NotificationDeferred.of(message.tenantId, message.callId, now, message.messageId, message.kind.name(),
                message.recipient, message.nextAttemptAt, message.lastError);
    }

    private static String truncate(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 1000);
    }
}
