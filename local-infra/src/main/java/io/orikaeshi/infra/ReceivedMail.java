package io.orikaeshi.infra;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One message as the SMTP server accepted it.
 *
 * @param messageId  the Message-ID header, or null if the sender set none
 * @param to         the envelope recipients (RCPT TO, so Bcc included), sorted
 * @param from       the address of the From header (without display name); the envelope sender if there is none
 * @param subject    decoded (RFC 2047), or "" if absent
 * @param textBody   the first text/plain part, or "" if the message has none
 * @param htmlBody   the first text/html part, or null if the message has none
 * @param receivedAt when our SMTP server handed the message to its store, by this JVM's clock
 * @param headers    every header as sent (still encoded, unfolded), looked up case-insensitively
 * @param raw        the full MIME source
 */
public record ReceivedMail(String messageId, List<String> to, String from, String subject,
        String textBody, String htmlBody, Instant receivedAt,
        Map<String, List<String>> headers, String raw) {

    public ReceivedMail {
        to = List.copyOf(to);
    }

    /** First value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
