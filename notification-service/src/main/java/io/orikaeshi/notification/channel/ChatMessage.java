package io.orikaeshi.notification.channel;

import java.util.List;
import java.util.Optional;

/**
 * What one chat or webhook message says, decided when its event is consumed (wording, locale and the channel's
 * personal-data level already applied) and stored in the ledger as JSON; each {@link ChatApi} only lays it out in
 * its service's format when it is sent.
 *
 * @param kind      REPORT, WARNING_ALERT, ... (the ledger's kind)
 * @param title     one line: what happened ("折り返しのお願い：山田様より" / "Callback due in 15 min")
 * @param fields    every captured item with its status, in order; never a blank value
 * @param mention   the person the message names, by their id in this channel's service
 * @param actions   the signed links: view, acknowledge, mark done
 * @param text      the whole message as plain text, for services and clients that show no layout
 * @param eventJson the event the message is about, as published (the generic webhook sends it)
 */
public record ChatMessage(String kind, String callId, String locale, String title, List<Field> fields,
        Optional<Mention> mention, List<Action> actions, String text, String eventJson) {

    public record Field(String label, String value) {
    }

    /** @param id the person's id in the channel's service (Slack U…, Chatwork account id, ...) */
    public record Mention(String id, String name) {
    }

    public record Action(String label, String url) {
    }
}
