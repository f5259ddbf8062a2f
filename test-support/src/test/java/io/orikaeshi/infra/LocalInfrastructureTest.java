package io.orikaeshi.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orikaeshi.events.Topics;
import io.orikaeshi.infra.testing.KafkaTestClient;
import io.orikaeshi.infra.testing.MailboxClient;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalInfrastructureTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static LocalInfrastructure infra;
    private static KafkaTestClient kafka;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        infra = LocalInfrastructure.start(InfraSettings.forTests(List.of("intake", "reporting")));
        kafka = new KafkaTestClient(infra.kafkaBootstrapServers());
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (infra != null) {
            Path dataDir = infra.settings().dataDir();
            infra.close();
            assertFalse(Files.exists(dataDir), "a temporary data dir is removed on close");
        }
    }

    @Test
    void aRecordSentToAPreCreatedTopicIsReadBackFromTheBeginning() {
        String key = UUID.randomUUID().toString();
        kafka.send(Topics.CALL_EVENTS, key, "{\"hello\":\"世界\"}");

        List<ConsumerRecord<String, String>> found = kafka.poll(Topics.CALL_EVENTS, r -> key.equals(r.key()), 1,
                TIMEOUT);

        assertEquals("{\"hello\":\"世界\"}", found.get(0).value());
    }

    @Test
    void everyTopicOfTheSystemExistsWithItsPartitionCount() throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", infra.kafkaBootstrapServers());
        try (Admin admin = Admin.create(props)) {
            var topics = admin.describeTopics(Topics.all()).allTopicNames().get();
            assertEquals(Topics.all().size(), topics.size());
            topics.values().forEach(topic -> assertEquals(Topics.PARTITIONS, topic.partitions().size(), topic.name()));
        }
    }

    @Test
    void eachRequestedDatabaseAcceptsTheApplicationUser() throws Exception {
        for (String database : List.of("intake", "reporting")) {
            try (Connection c = DriverManager.getConnection(infra.jdbcUrl(database), infra.dbUsername(),
                    infra.dbPassword());
                    Statement s = c.createStatement();
                    ResultSet rows = s.executeQuery("select 1, current_database(), current_user, version()")) {
                assertTrue(rows.next());
                assertEquals(1, rows.getInt(1));
                assertEquals(database, rows.getString(2));
                assertEquals(infra.dbUsername(), rows.getString(3));
                assertTrue(rows.getString(4).startsWith("PostgreSQL 17"), rows.getString(4));
                // The owner may create tables: what Flyway will do first.
                s.execute("create table if not exists probe(id int)");
            }
        }
        infra.createDatabase("intake"); // asking again is harmless
    }

    @Test
    void aJapaneseMailIsDecodedStampedAndServedAsJsonAndHtml() throws Exception {
        String subject = "【折り返し】期限超過のお知らせ <b>" + UUID.randomUUID() + "</b>";
        Instant before = Instant.now();
        send(subject, "本文です。", "<p>本文 <script>alert(1)</script></p>", "ops@tenant.example");
        Instant after = Instant.now();

        ReceivedMail mail = infra.mail().awaitMessages(m -> m.subject().equals(subject), 1, TIMEOUT).get(0);
        assertEquals(List.of("ops@tenant.example"), mail.to());
        assertEquals("orikaeshi@localhost", mail.from());
        assertEquals("本文です。", mail.textBody().strip());
        assertTrue(mail.htmlBody().contains("<script>"), "html kept as sent");
        assertFalse(mail.receivedAt().isBefore(before) || mail.receivedAt().isAfter(after),
                mail.receivedAt().toString());
        assertTrue(mail.header("subject").startsWith("=?"), "the header itself stays RFC 2047 encoded");
        assertTrue(mail.raw().contains("Message-ID:") || mail.raw().contains("Message-Id:"));

        // GreenMail standalone's API: a mailbox per recipient, messages with their MIME source.
        JsonNode users = new ObjectMapper().readTree(get("api/user").body());
        assertTrue(users.findValuesAsText("email").contains("ops@tenant.example"), users.toString());
        JsonNode listed = null;
        for (JsonNode m : new ObjectMapper().readTree(get("api/user/ops%40tenant.example/messages/").body())) {
            if (subject.equals(m.get("subject").asText())) {
                listed = m;
            }
        }
        assertTrue(listed != null, "listed in /api/user/ops@tenant.example/messages/");
        assertEquals(mail.messageId(), listed.get("messageId").asText());
        assertTrue(listed.get("contentType").asText().startsWith("multipart/"), listed.toString());
        assertEquals(mail.raw(), listed.get("mimeMessage").asText());
        ReceivedMail read = new MailboxClient(infra.mailboxUrl()).messages().stream()
                .filter(m -> m.subject().equals(subject)).findFirst().orElseThrow();
        assertEquals(mail.textBody(), read.textBody(), "the client reads back what the catcher stored");
        assertEquals(400, get("api/user/nobody%40example.com/messages/").statusCode(), "unknown user, as GreenMail");

        String page = get("").body();
        assertFalse(page.contains("<b>"), "subject is escaped on the list page");
        assertTrue(page.contains("&lt;b&gt;"));
        int index = infra.mail().messages().indexOf(mail);
        String detail = get("messages/" + index).body();
        assertFalse(detail.contains("<script>"), "mail HTML only appears escaped, inside a sandboxed srcdoc");
        assertTrue(detail.contains("sandbox=\"\""));
        HttpResponse<String> raw = get("messages/" + index + "/raw");
        assertEquals("message/rfc822", raw.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void aMailToSeveralRecipientsIsKeptOnceWithEveryEnvelopeRecipient() throws Exception {
        String subject = "several " + UUID.randomUUID();
        send(subject, "x", null, "b@example.com", "a@example.com");

        List<ReceivedMail> mails = infra.mail().awaitMessages(m -> m.subject().equals(subject), 1, TIMEOUT);

        assertEquals(1, mails.size());
        assertEquals(List.of("a@example.com", "b@example.com"), mails.get(0).to());
        assertNull(mails.get(0).htmlBody());
    }

    @Test
    void aTimedOutWaitForMailNamesTheSubjectsThatDidArrive() throws Exception {
        String subject = "arrived " + UUID.randomUUID();
        send(subject, "x", null, "a@example.com");
        infra.mail().awaitMessages(m -> m.subject().equals(subject), 1, TIMEOUT);

        AssertionError error = assertThrows(AssertionError.class,
                () -> infra.mail().awaitMessages(m -> m.subject().equals("never sent"), 1, Duration.ofMillis(200)));

        assertTrue(error.getMessage().contains(subject), error.getMessage());
        assertFalse(error.getMessage().contains("a@example.com"), "subjects only: no addresses");
    }

    @Test
    void purgingThroughTheApiEmptiesTheMailbox() throws Exception {
        send("to be purged", "x", null, "a@example.com");
        infra.mail().awaitMessages(m -> m.subject().equals("to be purged"), 1, TIMEOUT);

        HttpResponse<String> purged = http
                .send(HttpRequest.newBuilder(URI.create(infra.mailboxUrl() + "api/mail/purge"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, purged.statusCode());
        assertTrue(infra.mail().messages().isEmpty());
        assertEquals("[]", get("api/user").body());
    }

    @Test
    void aRestartedBrokerKeepsItsRecordsAndAcceptsNewOnesOnTheSamePort() {
        String key = UUID.randomUUID().toString();
        String bootstrap = infra.kafkaBootstrapServers();
        kafka.send(Topics.DEADLINE_EVENTS, key, "before");

        infra.stopKafka();
        infra.startKafka();

        assertEquals(bootstrap, infra.kafkaBootstrapServers());
        kafka.send(Topics.DEADLINE_EVENTS, key, "after");
        List<ConsumerRecord<String, String>> found = kafka.poll(Topics.DEADLINE_EVENTS, r -> key.equals(r.key()), 2,
                TIMEOUT);
        assertEquals(List.of("before", "after"), found.stream().map(ConsumerRecord::value).toList());
    }

    private void send(String subject, String text, String html, String... to) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(infra.smtpPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("orikaeshi@localhost", "折り返し", "UTF-8"));
        for (String recipient : to) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
        }
        message.setSubject(subject, "UTF-8");
        if (html == null) {
            message.setText(text, "UTF-8");
        } else {
            MimeBodyPart textPart = new MimeBodyPart();
            textPart.setText(text, "UTF-8");
            MimeBodyPart htmlPart = new MimeBodyPart();
            htmlPart.setText(html, "UTF-8", "html");
            message.setContent(new MimeMultipart("alternative", textPart, htmlPart));
        }
        Transport.send(message);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(infra.mailboxUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
