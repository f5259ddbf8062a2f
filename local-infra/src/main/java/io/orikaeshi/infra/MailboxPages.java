package io.orikaeshi.infra;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** HTML for people. Every piece of mail content is untrusted, so everything rendered goes through {@link #escape}. */
final class MailboxPages {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}
            table{border-collapse:collapse;width:100%}
            th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}
            th{background:#f4f4f4}
            pre{white-space:pre-wrap;background:#f8f8f8;padding:.8rem;border:1px solid #ddd}
            iframe{width:100%;height:32rem;border:1px solid #ddd}
            .muted{color:#777}
            """;

    private MailboxPages() {
    }

    static String list(List<ReceivedMail> messages) {
        StringBuilder html = new StringBuilder(page("Mailbox", true));
        html.append("<h1>Mailbox</h1><p class=\"muted\">").append(messages.size())
                .append(" message(s), newest first. Refreshes every 5 s. JSON (GreenMail's API): mailboxes at"
                        + " <a href=\"/api/user\">/api/user</a>, messages at <code>/api/user/&lt;address&gt;/messages/</code>")
                .append("; clear with <code>curl -X POST http://127.0.0.1:&lt;port&gt;/api/mail/purge</code>.</p>");
        html.append("<table><tr><th>Received</th><th>To</th><th>From</th><th>Subject</th></tr>");
        for (int index = messages.size() - 1; index >= 0; index--) {
            ReceivedMail mail = messages.get(index);
            html.append("<tr><td>").append(escape(TIME.format(mail.receivedAt())))
                    .append("</td><td>").append(escape(String.join(", ", mail.to())))
                    .append("</td><td>").append(escape(mail.from()))
                    .append("</td><td><a href=\"/messages/").append(index).append("\">")
                    .append(mail.subject().isEmpty() ? "(no subject)" : escape(mail.subject()))
                    .append("</a></td></tr>");
        }
        return html.append("</table></body></html>").toString();
    }

    static String message(int index, ReceivedMail mail) {
        StringBuilder html = new StringBuilder(page(mail.subject(), false));
        html.append("<p><a href=\"/\">&larr; all messages</a> · <a href=\"/messages/").append(index)
                .append("/raw\">raw .eml</a></p>");
        html.append("<h1>").append(escape(mail.subject())).append("</h1><table>");
        row(html, "Received", TIME.format(mail.receivedAt()) + "  (" + mail.receivedAt() + ")");
        row(html, "From", mail.from());
        row(html, "To", String.join(", ", mail.to()));
        row(html, "Message-ID", mail.messageId());
        html.append("</table>");
        if (mail.htmlBody() != null) {
            // No allow-scripts and no allow-same-origin: the mail's HTML can neither run code nor reach this page.
            html.append("<h2>HTML part</h2><iframe sandbox=\"\" referrerpolicy=\"no-referrer\" srcdoc=\"")
                    .append(escape(mail.htmlBody())).append("\"></iframe>");
        }
        html.append("<h2>Text part</h2><pre>").append(escape(mail.textBody())).append("</pre>");
        html.append("<details><summary>Headers</summary><pre>");
        for (Map.Entry<String, List<String>> header : mail.headers().entrySet()) {
            for (String value : header.getValue()) {
                html.append(escape(header.getKey())).append(": ").append(escape(value)).append('\n');
            }
        }
        return html.append("</pre></details></body></html>").toString();
    }

    static String notFound() {
        return page("Not found", false) + "<p>No such message. <a href=\"/\">All messages</a></p></body></html>";
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th>").append(name).append("</th><td>").append(escape(value)).append("</td></tr>");
    }

    private static String page(String title, boolean refresh) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>"
                + (refresh ? "<meta http-equiv=\"refresh\" content=\"5\">" : "")
                + "<style>" + STYLE + "</style></head><body>";
    }

    /** Safe in element content and in double- or single-quoted attributes (srcdoc included). */
    static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
