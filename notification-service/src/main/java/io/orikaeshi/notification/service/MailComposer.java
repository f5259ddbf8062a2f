package io.orikaeshi.notification.service;

import io.orikaeshi.events.CallDetails;
import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackCancelled;
import io.orikaeshi.events.CallbackChased;
import io.orikaeshi.events.CallbackCompleted;
import io.orikaeshi.events.CallbackEscalated;
import io.orikaeshi.events.CallbackExtended;
import io.orikaeshi.events.CallbackOverdue;
import io.orikaeshi.events.CallbackWarned;
import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.NotificationDeferred;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.events.Topics;
import io.orikaeshi.events.Urgency;
import io.orikaeshi.kit.inbox.InboxConfig;
import io.orikaeshi.kit.inbox.NotYetApplicable;
import io.orikaeshi.kit.links.LinkAction;
import io.orikaeshi.kit.links.SignedLinks;
import io.orikaeshi.kit.outbox.OutboxRow;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.orikaeshi.kit.tenant.TenantSettings;
import io.orikaeshi.kit.tracing.Tracing;
import io.orikaeshi.notification.mapping.HeaderSafe;
import io.orikaeshi.notification.mapping.MailModel;
import io.orikaeshi.notification.mapping.Wording;
import io.orikaeshi.notification.repository.CallSnapshot;
import io.orikaeshi.notification.repository.MailMessage;
import io.orikaeshi.notification.repository.PendingRows;
import io.quarkus.qute.Engine;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Decides which emails an event causes and renders them into the delivery ledger. Runs inside the consumer's
 * transaction, so an event either has all its emails queued or none, and never twice.
 */
@ApplicationScoped
public class MailComposer {

    private static final Logger LOG = Logger.getLogger(MailComposer.class);

    private final Engine templates;
    private final TenantDirectory tenants;
    private final SignedLinks links;
    private final QuietHours quietHours;
    private final InboxConfig inbox;

    public MailComposer(Engine templates, TenantDirectory tenants, SignedLinks links, QuietHours quietHours,
            InboxConfig inbox) {
        this.templates = templates;
        this.inbox = inbox;
        this.tenants = tenants;
        this.links = links;
        this.quietHours = quietHours;
    }

    /** How an alert event is worded, and who gets it besides the tenant's recipients. */
    private record AlertSpec(MailMessage.Kind kind, Instant dueAt, List<String> extraRecipients, AlertWording wording) {
    }

    @FunctionalInterface
    private interface AlertWording {
        Wording.Alert of(Wording wording, String caller, String dueAt);
    }

    /**
     * Adds the rows the event causes to {@code rows}, which the caller flushes in its transaction. A report only
     * adds rows; every other event reads or changes a call's snapshot, so it flushes what is pending first.
     */
    public Uni<Void> apply(OrikaeshiEvent event, PendingRows rows) {
        if (event instanceof CallReceived received) {
            report(received, rows);
            return Uni.createFrom().voidItem();
        }
        return rows.flush().chain(() -> applyToSnapshot(event, rows));
    }

    private Uni<Void> applyToSnapshot(OrikaeshiEvent event, PendingRows rows) {
        if (event instanceof CallbackCompleted || event instanceof CallbackCancelled) {
            return snapshot(event, snapshot -> snapshot.closedAt = event.occurredAt());
        }
        if (event instanceof CallbackExtended extended) {
            return snapshot(event, snapshot -> snapshot.dueAt = extended.newDueAt());
        }
        AlertSpec alert = alertFor(event);
        return alert == null ? Uni.createFrom().voidItem() : alert(event, alert, rows);
    }

    private static AlertSpec alertFor(OrikaeshiEvent event) {
        if (event instanceof CallbackWarned warned) {
            return new AlertSpec(MailMessage.Kind.WARNING_ALERT, warned.dueAt(), List.of(), Wording::warning);
        }
        if (event instanceof CallbackOverdue overdue) {
            return new AlertSpec(MailMessage.Kind.OVERDUE_ALERT, overdue.dueAt(), List.of(), Wording::overdue);
        }
        if (event instanceof CallbackEscalated escalated) {
            // A level addressed to "assignee" reaches the tenant's recipients; one addressed to a contact adds it.
            List<String> target = escalated.target() != null && escalated.target().contains("@")
                    ? List.of(escalated.target())
                    : List.of();
            return new AlertSpec(MailMessage.Kind.ESCALATION_ALERT, escalated.dueAt(), target,
                    (wording, caller, due) -> wording.escalation(escalated.reason(), escalated.level(), caller, due));
        }
        if (event instanceof CallbackChased chased) {
            return new AlertSpec(MailMessage.Kind.CHASE_ALERT, null, List.of(),
                    (wording, caller, due) -> wording.chase(caller, chased.chaseCount()));
        }
        return null;
    }

    private void report(CallReceived event, PendingRows rows) {
        CallSnapshot snapshot = new CallSnapshot();
        snapshot.callId = event.callId();
        snapshot.tenantId = event.tenantId();
        snapshot.eventJson = EventCodec.toJson(event);
        snapshot.receivedAt = event.call().receivedAt();
        snapshot.dueAt = event.call().callbackPromised() ? event.call().callback().dueAt() : null;
        snapshot.urgent = event.call().urgency() == Urgency.URGENT;
        TenantSettings tenant = tenant(event);
        rows.add(snapshot);
        if (tenant.config().notifications().digestAt().isPresent()) {
            // A digest tenant reads its reports in the daily digest, made from the snapshot.
            return;
        }
        Wording wording = Wording.of(tenant.locale());
        MailModel model = withLinks(MailModel.of(tenant, event.callId(), event.call(), wording), event);
        String subject = wording.reportSubject(model.callerSubject(), model.addressee(), model.dueAt(), model.urgent());
        String text = render("mail/report-" + wording.templateSuffix() + ".txt", model, null);
        String html = render("mail/report-" + wording.templateSuffix() + ".html", model, null);
        queue(event, tenant, MailMessage.Kind.REPORT, event.call(), List.of(), subject, text, html, rows);
    }

    private Uni<Void> alert(OrikaeshiEvent event, AlertSpec spec, PendingRows rows) {
        TenantSettings tenant = tenant(event);
        return CallSnapshot.<CallSnapshot>findById(event.callId()).flatMap(snapshot -> {
            if (snapshot == null) {
                // The report's event comes on another topic and is not consumed yet: wait for it, however long.
                return Uni.createFrom().failure(new NotYetApplicable("no CallReceived yet for call " + event.callId()));
            }
            CallReceived received = (CallReceived) EventCodec.fromJson(snapshot.eventJson);
            Wording wording = Wording.of(tenant.locale());
            MailModel model = withLinks(MailModel.of(tenant, event.callId(), received.call(), wording), event);
            if (spec.dueAt() != null) {
                model = model.dueAt(MailModel.time(spec.dueAt(), tenant, wording));
            }
            Wording.Alert text = spec.wording().of(wording, model.callerSubject(), model.dueAt());
            String body = render("mail/alert-" + wording.templateSuffix() + ".txt", model, text);
            String html = render("mail/alert-" + wording.templateSuffix() + ".html", model, text);
            queue(event, tenant, spec.kind(), received.call(), spec.extraRecipients(), text.subject(), body,
                    html, rows);
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> snapshot(OrikaeshiEvent event, Consumer<CallSnapshot> change) {
        return CallSnapshot.<CallSnapshot>findById(event.callId()).invoke(snapshot -> {
            if (snapshot != null) {
                change.accept(snapshot);
            }
        }).replaceWithVoid();
    }

    private void queue(OrikaeshiEvent event, TenantSettings tenant, MailMessage.Kind kind, CallDetails call,
            List<String> extra, String subject, String text, String html, PendingRows rows) {
        List<String> recipients = new ArrayList<>(Routing.recipients(tenant, call));
        extra.stream().filter(r -> !recipients.contains(r)).forEach(recipients::add);
        if (recipients.isEmpty()) {
            LOG.warnf("Tenant %s has no report recipients; %s for call %s is not sent", tenant.id(), kind,
                    event.callId());
        }
        Instant now = Instant.now();
        String traceParent = Tracing.currentTraceparent();
        Optional<Instant> held = quietHours.holdUntil(tenant, call.urgency() == Urgency.URGENT, now);
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
            mail.nextAttemptAt = held.orElse(now);
            mail.heldUntil = held.orElse(null);
            mail.createdAt = now;
            mail.traceParent = traceParent;
            rows.add(mail);
            if (held.isPresent()) {
                rows.add(OutboxRow.of(Topics.NOTIFICATION_EVENTS, NotificationDeferred.of(
                        mail.tenantId, mail.callId, now, mail.messageId, kind.name(), recipient, held.get(),
                        "quiet hours: the tenant is closed"), traceParent));
            }
        }
    }

    /** Acknowledge and mark-done links, signed for this tenant's call, when a callback is promised. */
    private MailModel withLinks(MailModel model, OrikaeshiEvent event) {
        if (!model.callbackPromised() || !links.enabled()) {
            return model;
        }
        Instant now = Instant.now();
        return model.withLinks(new MailModel.Links(
                links.url(event.tenantId(), event.callId(), LinkAction.ACKNOWLEDGE, now).orElseThrow(),
                links.url(event.tenantId(), event.callId(), LinkAction.COMPLETE, now).orElseThrow()));
    }

    private String render(String template, MailModel model, Wording.Alert alert) {
        return templates.getTemplate(template).data("m", model).data("alert", alert).render();
    }

    /**
     * A tenant this service does not know may simply not have reached it yet (a tenant created a moment ago comes on
     * the tenant feed, another topic); after the inbox's patience its event is parked, to be replayed once the
     * tenant is configured, rather than dropped without a report.
     */
    private TenantSettings tenant(OrikaeshiEvent event) {
        return tenants.find(event.tenantId()).orElseThrow(() -> new NotYetApplicable(
                "tenant " + event.tenantId() + " is not configured", inbox.unknownTenantPatience()));
    }

    /** Same event and recipient, same Message-ID: a resend after a crash is recognisable as the same message. */
    static String messageId(String eventId, String recipient) {
        UUID id = UUID.nameUUIDFromBytes((eventId + '|' + recipient).getBytes(StandardCharsets.UTF_8));
        return "<" + id + "@orikaeshi>";
    }
}
