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
    private final DispatchConfig config;

    public MailDispatcher(ReactiveMailer mailer, Outbox outbox, DispatchConfig config) {
        super("mail-dispatcher", config.retryPause());
        this.mailer = mailer;
        this.outbox = outbox;
        this.config = config;
    }

    @Override
    protected Uni<Round> round() {
        return Panache.withTransaction(() -> Panache.getSession()
                        .flatMap(session -> session.createNativeQuery(CLAIM_DUE, MailMessage.class)
                                .setParameter(1, Instant.now())
                                .setParameter(2, config.batchSize())
                                .getResultList())
                        .flatMap(this::sendAll))
                .invoke(sent -> {
                    if (sent > 0) {
                        outbox.committed();
                    }
                })
                .map(sent -> sent == config.batchSize()
                        ? Round.more()
                        : Round.idle(config.pollInterval()));
    }

    private Uni<Integer> sendAll(List<MailMessage> batch) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (MailMessage message : batch) {
            chain = chain.chain(() -> send(message));
        }
        return chain.replaceWith(batch.size());
    }

    private Uni<Void> send(MailMessage message) {
        Mail mail = Mail.withText(message.recipient, message.subject, message.textBody)
                .setHtml(message.htmlBody)
                .addHeader("Message-ID", message.messageId);
        return mailer.send(mail)
                .onItemOrFailure().transformToUni((ok, failure) -> {
                    message.attempts++;
                    Instant now = Instant.now();
                    return outbox.append(Topics.NOTIFICATION_EVENTS,
                            failure == null ? sent(message, now) : failed(message, failure, now), message.traceParent);
                });
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
