package io.orikaeshi.notification.mapping;

import io.orikaeshi.events.CallDetails;
import io.orikaeshi.events.CapturedItem;
import io.orikaeshi.events.Urgency;
import io.orikaeshi.kit.phone.PhoneDisplay;
import io.orikaeshi.kit.tenant.TenantSettings;

import java.time.Instant;
import java.util.List;

/**
 * Everything a template prints, already worded: templates only lay it out, so no field can come out blank.
 *
 * @param callerSubject the caller as named in a subject line (their name, or why there is none)
 */
public record MailModel(String tenantName, String callId, String receivedAt, String addressee, Item callerName,
        Item purpose, Item callbackNumber, String urgency, boolean urgent, String notes,
        boolean callbackPromised, String dueAt, String assignee, String callerSubject,
        List<HearingLine> hearing, Links links) {

    /** Signed links to acknowledge or complete the callback from the email; null when there is none. */
    public record Links(String acknowledge, String complete) {
    }

    /**
     * An asked-for item: its value when provided, otherwise the plain reason it is missing. {@code text} is what is
     * printed (a number as the tenant's country writes it), {@code value} as stored (E.164, for a tel: link).
     */
    public record Item(boolean provided, String value, String text) {
    }

    /** An optional hearing item of the tenant's plan, worded like the three items always asked. */
    public record HearingLine(String label, boolean provided, String text) {
    }

    /** The same call, with the due time an alert is about (an extension may have moved it since the report). */
    public MailModel dueAt(String due) {
        return new MailModel(tenantName, callId, receivedAt, addressee, callerName, purpose, callbackNumber, urgency,
                urgent, notes, callbackPromised, due, assignee, callerSubject, hearing, links);
    }

    public MailModel withLinks(Links signed) {
        return new MailModel(tenantName, callId, receivedAt, addressee, callerName, purpose, callbackNumber, urgency,
                urgent, notes, callbackPromised, dueAt, assignee, callerSubject, hearing, signed);
    }

    public static MailModel of(TenantSettings tenant, String callId, CallDetails call, Wording wording) {
        Item callerName = item(call.callerName(), wording, true);
        String due = call.callbackPromised() ? time(call.callback().dueAt(), tenant, wording) : null;
        String assignee = call.callbackPromised() && call.callback().assignee() != null
                ? call.callback().assignee()
                : wording.noAssignee();
        return new MailModel(tenant.name(), callId, time(call.receivedAt(), tenant, wording),
                call.addressee() == null ? wording.noAddressee() : call.addressee(),
                callerName, item(call.purpose(), wording, false), number(call.callbackNumber(), tenant, wording),
                wording.urgency(call.urgency()), call.urgency() == Urgency.URGENT,
                call.notes() == null ? wording.noNotes() : call.notes(),
                call.callbackPromised(), due, assignee,
                callerName.provided() ? callerName.text() : wording.unnamedCaller(),
                call.hearingItems().stream().map(answer -> {
                    Item item = item(answer.answer(), wording, false);
                    return new HearingLine(answer.item(), item.provided(), item.text());
                }).toList(), null);
    }

    private static Item number(CapturedItem item, TenantSettings tenant, Wording wording) {
        Item number = item(item, wording, false);
        return number.provided()
                ? new Item(true, number.value(), PhoneDisplay.forRegion(number.value(), tenant.phoneRegion()))
                : number;
    }

    private static Item item(CapturedItem item, Wording wording, boolean isName) {
        if (item.isProvided()) {
            return new Item(true, item.value(), isName ? wording.callerDisplay(item.value()) : item.value());
        }
        return new Item(false, null, wording.notObtained(item.status()));
    }

    public static String time(Instant instant, TenantSettings tenant, Wording wording) {
        return instant == null ? "" : wording.dateTime(instant.atZone(tenant.timeZone()));
    }
}
