package io.orikaeshi.system.compose;

import io.restassured.path.json.JsonPath;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * What the composed mail catcher (greenmail/standalone) has received, read through its REST API: every mailbox
 * (one per recipient address, created on first delivery), each message parsed from its MIME source.
 */
final class GreenMailMailbox {

    /** One message as stored in one recipient's mailbox. */
    record Mail(String mailbox, String messageId, String subject, String text) {
    }

    private static final Session SESSION = Session.getInstance(new Properties());

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    GreenMailMailbox(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    List<Mail> messages() {
        List<Mail> all = new ArrayList<>();
        List<Map<String, Object>> users = JsonPath.from(get("/api/user")).getList("$");
        for (Map<String, Object> user : users) {
            String mailbox = String.valueOf(user.get("email"));
            List<Map<String, Object>> messages = JsonPath.from(
                    get("/api/user/" + URLEncoder.encode(mailbox, StandardCharsets.UTF_8) + "/messages/")).getList("$");
            for (Map<String, Object> message : messages) {
                all.add(parse(mailbox, String.valueOf(message.get("mimeMessage"))));
            }
        }
        return all;
    }

    /** Waits until at least one message matches; fails with what did arrive. */
    Mail await(Predicate<Mail> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Mail> seen = List.of();
        while (System.nanoTime() < deadline) {
            seen = messages();
            for (Mail mail : seen) {
                if (match.test(mail)) {
                    return mail;
                }
            }
            ComposeStack.sleep(500);
        }
        throw new AssertionError("No matching mail within " + timeout + "; subjects received: "
                + seen.stream().map(Mail::subject).toList());
    }

    private String get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + baseUrl + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static Mail parse(String mailbox, String source) {
        try {
            MimeMessage message = new MimeMessage(SESSION,
                    new ByteArrayInputStream(source.getBytes(StandardCharsets.UTF_8)));
            String subject = message.getSubject();
            String text = firstText(message);
            return new Mail(mailbox, message.getMessageID(), subject == null ? "" : subject, text == null ? "" : text);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Unreadable message in " + mailbox + ": " + e, e);
        }
    }

    private static String firstText(Part part) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = firstText(multipart.getBodyPart(i));
                if (text != null) {
                    return text;
                }
            }
            return null;
        }
        return part.isMimeType("text/plain") ? String.valueOf(part.getContent()) : null;
    }
}
