package io.orikaeshi.notification.mapping;

import io.orikaeshi.events.tenant.TenantProfile.PersonalData;
import io.orikaeshi.notification.channel.ChatMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A chat message from the same worded model as the email, cut to what the channel's room may see: everything
 * ({@code ALL}), no caller name and the number masked ({@code MASKED}), or only that a call came and the link to it
 * ({@code LINK_ONLY}).
 */
public final class ChatContent {

    private ChatContent() {
    }

    /**
     * @param title     the message's headline, already worded for the level (the caller hidden unless ALL)
     * @param headline  an alert's sentence and lead, or null for a report
     * @param eventJson the event as the generic webhook may show it at this level
     */
    public static ChatMessage of(String kind, MailModel model, Wording wording, PersonalData level, String title,
            List<String> headline, ChatLinks links, Optional<ChatMessage.Mention> mention, String eventJson) {
        Wording.Labels labels = wording.labels();
        List<ChatMessage.Action> actions = new ArrayList<>();
        links.view().ifPresent(url -> actions.add(new ChatMessage.Action(labels.view(), url)));
        if (level == PersonalData.LINK_ONLY) {
            String only = wording.linkOnly(model.addressee());
            return new ChatMessage(kind, model.callId(), wording.templateSuffix(), only, List.of(), mention,
                    actions, text(only, List.of(), List.of(), actions), eventJson);
        }
        links.acknowledge().ifPresent(url -> actions.add(new ChatMessage.Action(labels.acknowledge(), url)));
        links.complete().ifPresent(url -> actions.add(new ChatMessage.Action(labels.complete(), url)));
        boolean all = level == PersonalData.ALL;
        List<ChatMessage.Field> fields = new ArrayList<>();
        fields.add(new ChatMessage.Field(labels.receivedAt(), model.receivedAt()));
        fields.add(new ChatMessage.Field(labels.addressee(), model.addressee()));
        MailModel.Item name = model.callerName();
        fields.add(new ChatMessage.Field(labels.callerName(),
                all || !name.provided() ? name.text() : labels.hiddenCaller()));
        fields.add(new ChatMessage.Field(labels.purpose(), model.purpose().text()));
        MailModel.Item number = model.callbackNumber();
        fields.add(new ChatMessage.Field(labels.callbackNumber(),
                all || !number.provided() ? number.text() : masked(number.text())));
        fields.add(new ChatMessage.Field(labels.urgency(), model.urgency()));
        fields.add(model.callbackPromised()
                ? new ChatMessage.Field(labels.dueAt(), model.dueAt() + " (" + labels.assignee() + ": "
                        + model.assignee() + ")")
                : new ChatMessage.Field(labels.dueAt(), labels.noPromise()));
        fields.add(new ChatMessage.Field(labels.notes(), model.notes()));
        model.hearing().forEach(h -> fields.add(new ChatMessage.Field(h.label(), h.text())));
        return new ChatMessage(kind, model.callId(), wording.templateSuffix(), title, List.copyOf(fields), mention,
                List.copyOf(actions), text(title, headline, fields, actions), eventJson);
    }

    /** The signed links of one message; acknowledge and complete only when a callback was promised. */
    public record ChatLinks(Optional<String> view, Optional<String> acknowledge, Optional<String> complete) {
    }

    /**
     * A number as the tenant writes it, with every digit but its first group and its last four hidden:
     * "090-1234-5678" reads "090-****-5678"; a number without separators keeps only its last four.
     */
    public static String masked(String display) {
        int digits = (int) display.chars().filter(Character::isDigit).count();
        int firstSeparator = indexOfSeparator(display);
        StringBuilder out = new StringBuilder(display.length());
        int seen = 0;
        for (int i = 0; i < display.length(); i++) {
            char c = display.charAt(i);
            if (!Character.isDigit(c)) {
                out.append(c);
                continue;
            }
            seen++;
            boolean firstGroup = firstSeparator > 0 && i < firstSeparator;
            out.append(firstGroup || seen > digits - 4 ? c : '*');
        }
        return out.toString();
    }

    private static int indexOfSeparator(String display) {
        for (int i = 0; i < display.length(); i++) {
            char c = display.charAt(i);
            if (!Character.isDigit(c) && c != '+') {
                return i;
            }
        }
        return -1;
    }

    private static String text(String title, List<String> headline, List<ChatMessage.Field> fields,
            List<ChatMessage.Action> actions) {
        StringBuilder text = new StringBuilder(title).append('\n');
        headline.forEach(line -> text.append(line).append('\n'));
        if (!fields.isEmpty()) {
            text.append('\n');
            fields.forEach(f -> text.append(f.label()).append(": ").append(f.value()).append('\n'));
        }
        if (!actions.isEmpty()) {
            text.append('\n');
            actions.forEach(a -> text.append(a.label()).append(": ").append(a.url()).append('\n'));
        }
        return text.toString().stripTrailing();
    }
}
