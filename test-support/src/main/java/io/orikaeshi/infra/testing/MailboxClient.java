package io.orikaeshi.infra.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orikaeshi.infra.MimeReader;
import io.orikaeshi.infra.ReceivedMail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads a mail catcher through GreenMail standalone's REST API, which both the local catcher (local-infra's mailbox
 * server) and docker-compose's greenmail/standalone serve: every mailbox (one per recipient address), each message
 * parsed from its MIME source by {@link MimeReader}. A message to two recipients is in two mailboxes, so it is listed
 * once per recipient, with that recipient as its only {@code to}. The API tells no arrival time: {@code receivedAt}
 * is when this client read the message.
 */
public final class MailboxClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public MailboxClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Every message in every mailbox, mailbox by mailbox, each in arrival order. */
    public List<ReceivedMail> messages() {
        List<ReceivedMail> all = new ArrayList<>();
        Instant now = Instant.now();
        for (JsonNode user : call("GET", "/api/user")) {
            String mailbox = user.path("email").asText();
            for (JsonNode message : call("GET", "/api/user/" + URLEncoder.encode(mailbox, StandardCharsets.UTF_8)
                    + "/messages/")) {
                all.add(MimeReader.read(message.path("mimeMessage").asText(), List.of(mailbox), now));
            }
        }
        return all;
    }

    /** Waits until {@code count} messages match, and returns them; fails naming the subjects that did arrive. */
    public List<ReceivedMail> awaitMessages(Predicate<ReceivedMail> match, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ReceivedMail> seen = List.of();
        while (System.nanoTime() < deadline) {
            seen = messages();
            List<ReceivedMail> matching = seen.stream().filter(match).toList();
            if (matching.size() >= count) {
                return matching;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
        }
        throw new AssertionError("Fewer than " + count + " matching mail(s) within " + timeout
                + "; subjects received: " + seen.stream().map(ReceivedMail::subject).toList());
    }

    /** Empties every mailbox. */
    public void purge() {
        call("POST", "/api/mail/purge");
    }

    private JsonNode call(String method, String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + baseUrl + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
