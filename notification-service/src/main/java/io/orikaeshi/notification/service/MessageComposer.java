package io.orikaeshi.notification.service;

import io.orikaeshi.events.CallDetails;
import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackCancelled;
import io.orikaeshi.events.CallbackChased;
import io.orikaeshi.events.CallbackCompleted;
import io.orikaeshi.events.CallbackEscalated;
import io.orikaeshi.events.CallbackExtended;
import io.orikaeshi.events.CallbackOverdue;
import io.orikaeshi.events.CallbackUnacknowledged;
import io.orikaeshi.events.CallbackWarned;
import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.NotificationDeferred;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.events.Topics;
import io.orikaeshi.events.Urgency;
import io.orikaeshi.events.tenant.TenantProfile.PersonalData;
import io.orikaeshi.kit.inbox.InboxConfig;
import io.orikaeshi.kit.inbox.NotYetApplicable;
import io.orikaeshi.kit.links.LinkAction;
import io.orikaeshi.kit.links.SignedLinks;
import io.orikaeshi.kit.outbox.OutboxRow;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.orikaeshi.kit.tenant.TenantSettings;
import io.orikaeshi.kit.tracing.Tracing;
import io.orikaeshi.notification.channel.ChatMessage;
import io.orikaeshi.notification.mapping.ChatContent;
import io.orikaeshi.notification.mapping.HeaderSafe;
import io.orikaeshi.notification.mapping.MailModel;
import io.orikaeshi.notification.mapping.Wording;
import io.orikaeshi.notification.repository.CallSnapshot;
import io.orikaeshi.notification.repository.ChatJson;
import io.orikaeshi.notification.repository.MailMessage;
import io.orikaeshi.notification.repository.PendingRows;
import io.quarkus.qute.Engine;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Decides which messages an event causes and renders them into the delivery ledger: an email per mailbox, a chat
 * message per channel address, each with signed links that name it. Runs inside the consumer's transaction, so an
 * event either has all its messages queued or none, and never twice.
 */
@ApplicationScoped
public class MessageComposer {

    private static final Logger LOG = Logger.getLogger(MessageComposer.class);

    @Inject
    Engine templates;
    @Inject
    TenantDirectory tenants;
    @Inject
    SignedLinks links;
    @Inject
    QuietHours quietHours;
    @Inject
    InboxConfig inbox;

    /** How an alert event is worded, and who gets it besides the tenant's recipients. */
    private record AlertSpec(MailMessage.Kind kind, Instant dueAt, List<String> extraRecipients, AlertWording wording) {
    }

    @FunctionalInterface
    private interface AlertWording {
        Wording.Alert of(Wording wording, String caller, String dueAt);
    }

    /**
     * What an event says about a call, before it is cut per message: the links name each message, and a chat room's
     * personal-data level decides how the caller is named.
     *
     * @param alert the alert's wording for a caller named so; null for a report
     */
    private record Draft(OrikaeshiEvent event, TenantSettings tenant, MailMessage.Kind kind, CallDetails call,
            MailModel model, Wording wording, Function<String, Wording.Alert> alert) {
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
            return new AlertSpec(MailMessage.Kind.ESCALATION_ALERT, escalated.dueAt(), escalationTarget(escalated),
                    (wording, caller, due) -> wording.escalation(escalated.reason(), escalated.level(), caller, due));
        }
        if (event instanceof CallbackChased chased) {
            return new AlertSpec(MailMessage.Kind.CHASE_ALERT, null, List.of(),
                    (wording, caller, due) -> wording.chase(caller, chased.chaseCount()));
        }
        if (event instanceof CallbackUnacknowledged unacknowledged) {
            return new AlertSpec(MailMessage.Kind.REPEAT_NOTICE, unacknowledged.dueAt(), List.of(), Wording::repeat);
        }
        return null;
    }

    /**
     * A level addressed to "assignee" or "supervisor" reaches the call's recipients; one naming an address (a
     * mailbox, a contact, an on-call schedule or a channel) adds it.
     */
    private static List<String> escalationTarget(CallbackEscalated escalated) {
        String target = escalated.target() == null ? "" : escalated.target().strip().toLowerCase(Locale.ROOT);
        return target.isEmpty() || target.equals("assignee") || target.equals("supervisor")
                ? List.of()
                : List.of(escalated.target().strip());
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
        Wording wording = Wording.of(tenant.locale());
        MailModel model = MailModel.of(tenant, event.callId(), event.call(), wording);
        queue(new Draft(event, tenant, MailMessage.Kind.REPORT, event.call(), model, wording, null), List.of(),
                rows);
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
            MailModel model = MailModel.of(tenant, event.callId(), received.call(), wording);
            if (spec.dueAt() != null) {
                model = model.dueAt(MailModel.time(spec.dueAt(), tenant, wording));
            }
            String due = model.dueAt();
            queue(new Draft(event, tenant, spec.kind(), received.call(), model, wording,
                    caller -> spec.wording().of(wording, caller, due)), spec.extraRecipients(), rows);
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

    private void queue(Draft draft, List<String> extra, PendingRows rows) {
        TenantSettings tenant = draft.tenant();
        OrikaeshiEvent event = draft.event();
        List<String> addresses = new ArrayList<>(Routing.recipients(tenant, draft.call()));
        extra.stream().filter(r -> !addresses.contains(r)).forEach(addresses::add);
        Instant now = Instant.now();
        List<Destinations.Destination> destinations = Destinations.of(tenant, addresses, now, event.callId());
        if (draft.kind() == MailMessage.Kind.REPORT && tenant.config().notifications().digestAt().isPresent()) {
            // A digest tenant reads its reports by email in the daily digest; a chat room still hears of each call.
            destinations.removeIf(Destinations.Mailbox.class::isInstance);
            if (destinations.isEmpty()) {
                return;
            }
        }
        if (destinations.isEmpty()) {
            LOG.warnf("Tenant %s has no report recipients; %s for call %s is not sent", tenant.id(), draft.kind(),
                    event.callId());
        }
        String traceParent = Tracing.currentTraceparent();
        Optional<Instant> held = quietHours.holdUntil(tenant, draft.call().urgency() == Urgency.URGENT, now);
        for (Destinations.Destination destination : destinations) {
            MailMessage message = new MailMessage();
            message.messageId = messageId(event.eventId(), destination.key());
            message.eventId = event.eventId();
            message.tenantId = event.tenantId();
            message.callId = event.callId();
            message.kind = draft.kind();
            message.recipient = destination.key();
            if (destination instanceof Destinations.Room room) {
                chat(draft, room, message, now);
            } else {
                email(draft, message, now);
            }
            message.status = MailMessage.Status.PENDING;
            message.nextAttemptAt = held.orElse(now);
            message.heldUntil = held.orElse(null);
            message.createdAt = now;
            message.traceParent = traceParent;
            rows.add(message);
            if (held.isPresent()) {
                rows.add(OutboxRow.of(Topics.NOTIFICATION_EVENTS, NotificationDeferred.of(message.tenantId,
                        message.callId, now, message.messageId, message.kind.name(), message.recipient,
                        message.channel, held.get(), "quiet hours: the tenant is closed"), traceParent));
            }
        }
    }

    private void email(Draft draft, MailMessage mail, Instant now) {
        MailModel model = draft.model();
        if (model.callbackPromised() && links.enabled()) {
            model = model.withLinks(new MailModel.Links(link(draft, LinkAction.ACKNOWLEDGE, now, mail.messageId),
                    link(draft, LinkAction.COMPLETE, now, mail.messageId)));
        }
        Wording wording = draft.wording();
        Wording.Alert alert = draft.alert() == null ? null : draft.alert().apply(model.callerSubject());
        String template = (alert == null ? "mail/report-" : "mail/alert-") + wording.templateSuffix();
        mail.subject = HeaderSafe.subject(alert == null
                ? wording.reportSubject(model.callerSubject(), model.addressee(), model.dueAt(), model.urgent())
                : alert.subject());
        mail.textBody = render(template + ".txt", model, alert);
        mail.htmlBody = render(template + ".html", model, alert);
    }

    /** A chat message, cut to the channel's personal-data level (the caller's name is the caller's own data). */
    private void chat(Draft draft, Destinations.Room room, MailMessage message, Instant now) {
        PersonalData level = room.channel().personalData();
        MailModel model = draft.model();
        Wording wording = draft.wording();
        String caller = level == PersonalData.ALL ? model.callerSubject() : wording.labels().hiddenCaller();
        Wording.Alert alert = draft.alert() == null ? null : draft.alert().apply(caller);
        String title = alert == null
                ? wording.reportSubject(caller, model.addressee(), model.dueAt(), model.urgent())
                : alert.subject();
        boolean promised = model.callbackPromised();
        ChatContent.ChatLinks signed = new ChatContent.ChatLinks(
                links.url(message.tenantId, message.callId, LinkAction.VIEW, now, message.messageId),
                promised
                        ? links.url(message.tenantId, message.callId, LinkAction.ACKNOWLEDGE, now,
                                message.messageId)
                        : Optional.empty(),
                promised
                        ? links.url(message.tenantId, message.callId, LinkAction.COMPLETE, now,
                                message.messageId)
                        : Optional.empty());
        ChatMessage chat = ChatContent.of(draft.kind().name(), model, wording, level, title,
                alert == null ? List.of() : List.of(alert.headline(), alert.lead()), signed, room.mention(),
                eventJson(draft.event(), level));
        message.channel = room.channel().type().name().toLowerCase(Locale.ROOT);
        message.channelId = room.channel().id();
        message.chatJson = ChatJson.toJson(chat);
        message.subject = HeaderSafe.subject(chat.title());
        message.textBody = chat.text();
    }

    /**
     * The event as a webhook may show it: whole for a room that sees everything; otherwise only what names it, as
     * a report's event carries the caller's name and number.
     */
    private static String eventJson(OrikaeshiEvent event, PersonalData level) {
        if (level == PersonalData.ALL) {
            return EventCodec.toJson(event);
        }
        return "{\"type\":\"" + event.type() + "\",\"eventId\":\"" + event.eventId() + "\",\"tenantId\":\""
                + event.tenantId() + "\",\"callId\":\"" + event.callId() + "\",\"occurredAt\":\""
                + event.occurredAt() + "\"}";
    }

    private String link(Draft draft, LinkAction action, Instant now, String messageId) {
        return links.url(draft.event().tenantId(), draft.event().callId(), action, now, messageId).orElseThrow();
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

    /**
     * Same event and address, same message id: a redelivered event finds its row already there, and a resend after
     * a crash is recognisable as the same message (the email's Message-ID, the chat API's idempotency key).
     */
    static String messageId(String eventId, String address) {
        UUID id = UUID.nameUUIDFromBytes((eventId + '|' + address).getBytes(StandardCharsets.UTF_8));
        return "<" + id + "@orikaeshi>";
    }
}
