package io.orikaeshi.notification.service;

import io.orikaeshi.events.CallDetails;
import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackOverdue;
import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.orikaeshi.kit.tenant.TenantSettings;
import io.orikaeshi.notification.mapping.HeaderSafe;
import io.orikaeshi.notification.mapping.MailModel;
import io.orikaeshi.notification.mapping.Wording;
import io.orikaeshi.notification.repository.CallSnapshot;
import io.orikaeshi.notification.repository.MailMessage;
import io.quarkus.qute.Engine;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides which emails an event causes and renders them into the delivery ledger. Runs inside the consumer's
 * transaction, so an event either has all its emails queued or none, and never twice.
 */
@ApplicationScoped
public class MailComposer {

    private static final Logger LOG = Logger.getLogger(MailComposer.class);

    private final Engine templates;
    private final TenantDirectory tenants;

    public MailComposer(Engine templates, TenantDirectory tenants) {
        this.templates = templates;
        this.tenants = tenants;
    }

    public Uni<Void> apply(OrikaeshiEvent event) {
        if (event instanceof CallReceived received) {
            return report(received);
        }
        if (event instanceof CallbackOverdue overdue) {
            return overdueAlert(overdue);
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> report(CallReceived event) {
        CallSnapshot snapshot = new CallSnapshot();
        snapshot.callId = event.callId();
        snapshot.tenantId = event.tenantId();
        snapshot.eventJson = EventCodec.toJson(event);
        Optional<TenantSettings> tenant = tenant(event);
        Uni<Void> saved = snapshot.persist().replaceWithVoid();
        if (tenant.isEmpty()) {
            return saved;
        }
        Wording wording = Wording.of(tenant.get().locale());
        MailModel model = MailModel.of(tenant.get(), event.callId(), event.call(), wording);
        String subject = wording.reportSubject(model.callerSubject(), model.addressee(), model.dueAt(), model.urgent());
        return saved.chain(() -> queue(event, tenant.get(), MailMessage.Kind.REPORT, "report", wording, model, subject));
    }

    private Uni<Void> overdueAlert(CallbackOverdue event) {
        Optional<TenantSettings> tenant = tenant(event);
        if (tenant.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return CallSnapshot.<CallSnapshot>findById(event.callId()).flatMap(snapshot -> {
            if (snapshot == null) {
                // The report's event is on another topic and may simply not be consumed yet: retry, then dead-letter.
                return Uni.createFrom().failure(new IllegalStateException("no CallReceived yet for call " + event.callId()));
            }
            CallDetails call = ((CallReceived) EventCodec.fromJson(snapshot.eventJson)).call();
            Wording wording = Wording.of(tenant.get().locale());
            MailModel model = MailModel.of(tenant.get(), event.callId(), call, wording);
            String subject = wording.overdueSubject(model.callerSubject(), model.dueAt());
            return queue(event, tenant.get(), MailMessage.Kind.OVERDUE_ALERT, "overdue", wording, model, subject);
        });
    }

    private Uni<Void> queue(OrikaeshiEvent event, TenantSettings tenant, MailMessage.Kind kind, String template,
                            Wording wording, MailModel model, String subject) {
        String text = render("mail/" + template + "-" + wording.templateSuffix() + ".txt", model);
        String html = render("mail/" + template + "-" + wording.templateSuffix() + ".html", model);
        List<String> recipients = tenant.reportRecipients();
        if (recipients.isEmpty()) {
            LOG.warnf("Tenant %s has no report recipients; %s for call %s is not sent", tenant.id(), kind, event.callId());
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        Instant now = Instant.now();
        for (String recipient : recipients) {
            MailMessage mail = new MailMessage();
            mail.messageId = messageId(event.eventId(), recipient);
            mail.eventId = event.eventId();
            mail.tenantId = event.tenantId();
            mail.callId = event.callId();
            mail.kind = kind;
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

    private String render(String template, MailModel model) {
        return templates.getTemplate(template).data("m", model).render();
    }

    private Optional<TenantSettings> tenant(OrikaeshiEvent event) {
        Optional<TenantSettings> tenant = tenants.find(event.tenantId());
        if (tenant.isEmpty()) {
            LOG.warnf("Event %s names unknown tenant %s; no email", event.eventId(), event.tenantId());
        }
        return tenant;
    }

    /** Same event and recipient, same Message-ID: a resend after a crash is recognisable as the same message. */
    static String messageId(String eventId, String recipient) {
        UUID id = UUID.nameUUIDFromBytes((eventId + '|' + recipient).getBytes(StandardCharsets.UTF_8));
        return "<" + id + "@orikaeshi>";
    }
}
