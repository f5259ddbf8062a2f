package io.orikaeshi.infra;

import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a MIME message into a {@link ReceivedMail}, tolerating whatever a buggy sender might produce: the one MIME
 * reader of the project, for the mail catcher's own store and for messages read back through the mailbox API.
 */
public final class MimeReader {

    private static final jakarta.mail.Session SESSION = jakarta.mail.Session.getInstance(new java.util.Properties());

    private MimeReader() {
    }

    /** A message's MIME source as the mailbox API serves it ({@code mimeMessage}). */
    public static ReceivedMail read(String source, List<String> envelopeTo, Instant receivedAt) {
        try {
            MimeMessage message = new MimeMessage(SESSION,
                    new java.io.ByteArrayInputStream(source.getBytes(StandardCharsets.UTF_8)));
            return read(message, envelopeTo, null, receivedAt);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Unreadable message for " + envelopeTo + ": " + e, e);
        }
    }

    static ReceivedMail read(MimeMessage message, List<String> envelopeTo, String envelopeFrom, Instant receivedAt)
            throws MessagingException, IOException {
        Bodies bodies = new Bodies();
        bodies.collect(message);
        String subject = message.getSubject();
        return new ReceivedMail(
                message.getMessageID(),
                envelopeTo,
                fromAddress(message, envelopeFrom),
                subject == null ? "" : subject,
                bodies.text == null ? "" : bodies.text,
                bodies.html,
                receivedAt,
                headers(message),
                raw(message));
    }

    private static String fromAddress(MimeMessage message, String envelopeFrom) {
        try {
            Address[] from = message.getFrom();
            if (from != null && from.length > 0) {
                return from[0] instanceof InternetAddress address ? address.getAddress() : from[0].toString();
            }
        } catch (MessagingException e) {
            // A malformed From header: the envelope sender is still a useful answer.
        }
        return envelopeFrom;
    }

    private static Map<String, List<String>> headers(MimeMessage message) throws MessagingException {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Enumeration<Header> all = message.getAllHeaders();
        while (all.hasMoreElements()) {
            Header header = all.nextElement();
            headers.computeIfAbsent(header.getName(), name -> new ArrayList<>())
                    .add(MimeUtility.unfold(header.getValue()));
        }
        headers.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(headers);
    }

    private static String raw(MimeMessage message) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        // Mailers encode bodies as 7-bit quoted-printable/base64; UTF-8 also covers SMTPUTF8 headers.
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Depth-first, so for multipart/alternative (text, html) and mixed bodies the first readable part wins. */
    private static final class Bodies {
        String text;
        String html;

        void collect(Part part) throws MessagingException, IOException {
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return;
            }
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    collect(multipart.getBodyPart(i));
                }
            } else if (text == null && part.isMimeType("text/plain")) {
                text = content(part);
            } else if (html == null && part.isMimeType("text/html")) {
                html = content(part);
            }
        }

        private static String content(Part part) throws MessagingException, IOException {
            Object content = part.getContent();
            if (content instanceof String s) {
                return s;
            }
            // An unknown charset leaves a stream; show the bytes as UTF-8 rather than lose the body.
            try (var in = part.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
