package io.orikaeshi.notification.service;

import io.orikaeshi.kit.work.BackgroundWorker;
import io.orikaeshi.notification.repository.MailMessage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Sends queued emails and records each outcome. Rows are claimed with FOR UPDATE SKIP LOCKED, so instances share the
 * queue without sending a row twice; a failure is retried with exponential backoff until the last attempt.
 */
@Singleton
public class MailDispatcher extends BackgroundWorker {

    private static final Logger LOG = Logger.getLogger(MailDispatcher.class);
    private static final String CLAIM_DUE = "select * from mail_message where status = 'PENDING' "
            + "and next_attempt_at <= ?1 order by id limit ?2 for update skip locked";

    private final ReactiveMailer mailer;
    private final DispatchConfig config;

    public MailDispatcher(ReactiveMailer mailer, DispatchConfig config) {
        super("mail-dispatcher", config.retryPause());
        this.mailer = mailer;
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
                .onItemOrFailure().transform((ok, failure) -> {
                    message.attempts++;
                    if (failure == null) {
                        message.status = MailMessage.Status.SENT;
                        message.sentAt = Instant.now();
                        message.lastError = null;
                    } else {
                        recordFailure(message, failure);
                    }
                    return null;
                });
    }

    private void recordFailure(MailMessage message, Throwable failure) {
        message.lastError = truncate(failure.toString());
        if (message.attempts >= config.maxAttempts()) {
            message.status = MailMessage.Status.FAILED;
            LOG.errorf("Giving up %s of call %s after %d attempts: %s", message.kind, message.callId,
                    message.attempts, message.lastError);
        } else {
            Duration delay = config.firstRetryDelay().multipliedBy(1L << Math.min(message.attempts - 1, 10));
            message.nextAttemptAt = Instant.now().plus(delay);
            LOG.warnf("Sending %s of call %s failed (attempt %d), retrying in %s: %s", message.kind,
                    message.callId, message.attempts, delay, message.lastError);
        }
    }

    private static String truncate(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 1000);
    }
}
