package io.orikaeshi.system;

import io.orikaeshi.infra.InfraSettings;
import io.orikaeshi.infra.LocalInfrastructure;
import io.orikaeshi.infra.LocalSystem;
import io.orikaeshi.infra.MailCatcher;
import io.orikaeshi.infra.ReceivedMail;
import io.orikaeshi.infra.Ports;
import io.orikaeshi.infra.ServiceProcess;
import io.orikaeshi.infra.testing.KafkaTestClient;
import io.orikaeshi.infra.DemoKeys;
import io.orikaeshi.events.Topics;
import io.orikaeshi.infra.testing.Pause;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The whole path on real parts, started the way the local run starts it: Kafka, PostgreSQL and SMTP, and the four
 * services as separate processes configured through environment variables.
 */
class CallFlowSystemTest {

    private static final Path ROOT = LocalSystem.repositoryRoot();
    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final Duration MAIL_WAIT = Duration.ofSeconds(30);
    /** Far enough ahead that the reports arrive first, near enough to keep the test short. */
    private static final Duration PROMISE = Duration.ofSeconds(20);
    private static final Duration ALERT_BUDGET = Duration.ofSeconds(2);

    private static LocalInfrastructure infra;
    /** The services' OpenTelemetry collector. */
    private static OtlpReceiver collector;
    private static final List<ServiceProcess> services = new ArrayList<>();
    private static String intake;
    private static String reporting;
    private static List<String> urls;

    @BeforeAll
    static void startSystem() {
        LocalSystem.requireBuilt(ROOT, LocalSystem.SERVICES);
        infra = LocalInfrastructure.start(InfraSettings.forTests(
                LocalSystem.SERVICES.stream().map(LocalSystem.ServiceSpec::database).toList()));
        Path logs = ROOT.resolve("system-tests").resolve("target").resolve("service-logs");
        List<LocalSystem.ServiceSpec> specs = LocalSystem.SERVICES.stream().map(s -> s.withHttpPort(Ports.free()))
                .toList();
        collector = OtlpReceiver.start();
        // As a deployment points the services at its collector; finished spans leave within a fraction of a second.
        Map<String, String> tracing = Map.of("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint(),
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
        for (LocalSystem.ServiceSpec spec : specs) {
            services.add(LocalSystem.startService(infra, spec, ROOT, logs, tracing));
        }
        for (int i = 0; i < specs.size(); i++) {
            services.get(i).awaitHealthy(specs.get(i).readinessUrl(), STARTUP);
        }
        intake = "http://127.0.0.1:" + specs.get(0).httpPort();
        reporting = "http://127.0.0.1:" + specs.get(3).httpPort();
        urls = specs.stream().map(spec -> "http://127.0.0.1:" + spec.httpPort()).toList();
    }

    @AfterAll
    static void stopSystem() {
        services.forEach(ServiceProcess::stop);
        if (infra != null) {
            infra.close();
        }
        if (collector != null) {
            collector.close();
        }
    }

    @Test
    void callsAreReportedMissedPromisesAlertedAndKeptPromisesStayQuiet() throws InterruptedException {
        MailCatcher mail = infra.mail();
        OffsetDateTime due = OffsetDateTime.now(ZoneOffset.ofHours(9)).plus(PROMISE).truncatedTo(ChronoUnit.SECONDS);
        Instant dueAt = due.toInstant();

        String missedJa = postCall("acme-jp", provided("山田 太郎"), provided("見積もりの件"), provided("03-1234-5678"), due);
        String missedEn = postCall("globex-us", provided("Jane Roe"), provided("Invoice question"),
                "{\"status\": \"DECLINED\"}", due);
        String kept = postCall("acme-jp", provided("鈴木 一郎"), provided("納期の確認"), provided("090-1111-2222"), due);
        given().header("Authorization", DemoKeys.bearer(DemoKeys.ACME_OPERATOR))
                .contentType(ContentType.JSON).body("{\"completedBy\": \"佐藤\"}")
                .when().post(intake + "/tenants/acme-jp/calls/{id}/callback/completion", kept)
                .then().statusCode(200);
        String keptByLink = postCall("globex-us", provided("John Doe"), provided("Delivery date"),
                provided("212-555-0199"), due);

        ReceivedMail reportJa = await(mail, about(missedJa).and(m -> m.subject().contains("お電話のご報告")));
        assertEquals(List.of("uketsuke@acme.example"), reportJa.to());
        assertTrue(reportJa.subject().contains("山田 太郎 様"), reportJa.subject());
        assertTrue(reportJa.textBody().contains("折り返し先　：03-1234-5678"), reportJa.textBody());
        assertTrue(reportJa.textBody().contains("ご用件　　　：見積もりの件"));
        assertNotNull(reportJa.htmlBody());

        ReceivedMail reportEn = await(mail, about(missedEn).and(m -> m.subject().startsWith("Call for")));
        assertEquals(List.of("frontdesk@globex.example"), reportEn.to());
        assertTrue(reportEn.textBody().contains("Callback number:  Asked, but the caller preferred not to give it"),
                reportEn.textBody());
        await(mail, about(kept).and(m -> m.subject().contains("お電話のご報告")));
        ReceivedMail linkReport = await(mail, about(keptByLink).and(m -> m.subject().startsWith("Call for")));
        Matcher markDone = Pattern.compile("Mark done: +\\S+(/links/\\S+)").matcher(linkReport.textBody());
        assertTrue(markDone.find(), linkReport.textBody());
        given().when().post(intake + markDone.group(1)).then().statusCode(200);

        ReceivedMail alertJa = await(mail, about(missedJa).and(m -> m.subject().startsWith("【期限超過】")));
        ReceivedMail alertEn = await(mail, about(missedEn).and(m -> m.subject().startsWith("[OVERDUE]")));
        for (ReceivedMail alert : List.of(alertJa, alertEn)) {
            String callId = alert == alertJa ? missedJa : missedEn;
            Duration after = Duration.between(dueAt, alert.receivedAt());
            String hops = hops(callId, dueAt, alert.receivedAt());
            System.out.println("Overdue alert " + hops);
            assertFalse(after.isNegative(), "alert arrived before the promised time: " + hops);
            assertTrue(after.compareTo(ALERT_BUDGET) <= 0, "alert arrived too late: " + hops);
        }

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), dueAt.plus(ALERT_BUDGET).plusSeconds(1)).toMillis()));
        assertEquals(List.of("お電話のご報告"), mail.messages().stream().filter(about(kept))
                .map(m -> m.subject().contains("お電話のご報告") ? "お電話のご報告" : m.subject()).toList(),
                "a callback completed in time gets its report and nothing else");

        assertEquals(List.of(), mail.messages().stream().filter(about(keptByLink))
                .filter(m -> !m.subject().startsWith("Call for")).map(ReceivedMail::subject).toList(),
                "a callback completed from the email's link gets no alert");

        Map<String, String> acme = callbackStatuses("acme-jp");
        assertEquals("OVERDUE", acme.get(missedJa));
        assertEquals("COMPLETED", acme.get(kept));
        Map<String, String> globex = callbackStatuses("globex-us");
        assertEquals("OVERDUE", globex.get(missedEn));
        assertEquals("COMPLETED", globex.get(keptByLink));
        assertFalse(acme.containsKey(missedEn), "tenants see only their own callbacks");
    }

    /**
     * A client company set up through the admin API reads its calls in a chat room: the report goes to the room its
     * route names, mentioning the person, with the number masked; opening the message's link and acknowledging
     * through it show in reporting's per-message log.
     */
    @Test
    void aCallRoutedToAChatRoomIsReportedThereAndItsReadingAndAcknowledgementAreLogged() {
        try (ChatRoom slack = new ChatRoom()) {
            String platform = DemoKeys.bearer(DemoKeys.PLATFORM);
            String tenant = """
                    {"name": "チャット商事", "locale": "ja", "timeZone": "Asia/Tokyo", "phoneRegion": "JP",
                     "reportRecipients": ["desk@chat.example"]%s}""";
            admin(platform, "post", "/tenants", tenant.formatted(", \"id\": \"chat-jp\""), 201);
            admin(platform, "put", "/tenants/chat-jp/contacts/hanako",
                    "{\"name\": \"花子\", \"chatIds\": {\"slack\": \"U0HANAKO\"}}", 201);
            admin(platform, "put", "/tenants/chat-jp/channels/ops", """
                    {"type": "SLACK", "url": "%s", "room": "C0OPS", "secret": "xoxb-system-test",
                     "personalData": "MASKED"}""".formatted(slack.url()), 201);
            admin(platform, "put", "/tenants/chat-jp", tenant.formatted(", \"notifications\": {\"routes\": [{"
                    + "\"addressee\": \"花子\", \"recipients\": [\"channel:ops:contact:hanako\"]}]}"), 200);
            String operator = "Bearer " + admin(platform, "post", "/tenants/chat-jp/api-keys",
                    "{\"role\": \"OPERATOR\"}", 201).path("key");
            String client = "Bearer " + admin(platform, "post", "/tenants/chat-jp/api-keys",
                    "{\"role\": \"CLIENT\"}", 201).path("key");

            // The new routes reach notification on the tenant feed, beside the calls: a call recorded before they
            // arrive is reported by email, so calls are recorded until one reaches the room.
            String callId = null;
            ChatRoom.Post post = null;
            for (int attempt = 0; attempt < 20 && post == null; attempt++) {
                callId = given().header("Authorization", operator).contentType(ContentType.JSON).body("""
                        {"addressee": "花子", "callerName": {"status": "PROVIDED", "value": "山田 太郎"},
                         "purpose": {"status": "PROVIDED", "value": "見積もりの件"},
                         "callbackNumber": {"status": "PROVIDED", "value": "090-1234-5678"},
                         "callback": {"within": "PT1H"}}""")
                        .when().post(intake + "/tenants/chat-jp/calls").then().statusCode(201).extract()
                        .path("callId");
                post = awaitPost(slack, callId, Duration.ofSeconds(3));
            }
            assertNotNull(post, "no call of the tenant reached its chat room");
            String reported = callId;

            assertEquals("/chat.postMessage", post.path());
            assertEquals("Bearer xoxb-system-test", post.authorization());
            assertTrue(post.body().contains("<@U0HANAKO>"), post.body());
            assertTrue(post.body().contains("090-****-5678"), "the number is masked: " + post.body());
            assertFalse(post.body().contains("山田"), "a MASKED channel shows no caller name: " + post.body());
            assertEquals(List.of(), infra.mail().messages().stream().filter(about(reported)).toList(),
                    "the route sent the report to the room, not to the report recipients");

            Map<String, String> links = links(post.body(), reported);
            given().when().get(intake + "/links/" + links.get("VIEW")).then().statusCode(200)
                    .body(org.hamcrest.Matchers.containsString("山田 太郎"));
            Map<String, Object> read = awaitMessage(client, reported, m -> m.get("viewedAt") != null);
            assertEquals("slack", read.get("channel"));
            assertEquals("SENT", read.get("status"));

            given().when().post(intake + "/links/" + links.get("ACKNOWLEDGE")).then().statusCode(200);
            Map<String, Object> acknowledged = awaitMessage(client, reported, m -> m.get("acknowledgedAt") != null);
            assertEquals(read.get("messageId"), acknowledged.get("messageId"));
            Pause.millis(1000);
            assertEquals(1, slack.posts().stream().filter(p -> !links(p.body(), reported).isEmpty()).count(),
                    "one message in the room per call");
        }
    }

    /** The signed links of a message about the call, by action; their tokens say it (payload.signature). */
    private static Map<String, String> links(String body, String callId) {
        Map<String, String> links = new java.util.HashMap<>();
        Matcher link = Pattern.compile("/links/([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)").matcher(body);
        while (link.find()) {
            String token = link.group(1);
            String[] claim = new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                    java.nio.charset.StandardCharsets.UTF_8).split("\\|");
            if (claim[1].equals(callId)) {
                links.put(claim[2], token);
            }
        }
        return links;
    }

    private static ChatRoom.Post awaitPost(ChatRoom room, String callId, Duration wait) {
        Instant end = Instant.now().plus(wait);
        while (Instant.now().isBefore(end)) {
            for (ChatRoom.Post post : room.posts()) {
                if (!links(post.body(), callId).isEmpty()) {
                    return post;
                }
            }
            Pause.millis(100);
        }
        return null;
    }

    /** The call's one message in reporting's log, once it matches (reporting follows the events). */
    private static Map<String, Object> awaitMessage(String clientKey, String callId,
            Predicate<Map<String, Object>> match) {
        Instant end = Instant.now().plus(MAIL_WAIT);
        List<Map<String, Object>> messages = List.of();
        while (Instant.now().isBefore(end)) {
            var response = given().header("Authorization", clientKey).when()
                    .get(reporting + "/tenants/chat-jp/calls/{id}/messages", callId).then().extract();
            if (response.statusCode() == 200) {
                messages = response.jsonPath().getList("messages");
                if (messages.size() == 1 && match.test(messages.get(0))) {
                    return messages.get(0);
                }
            }
            Pause.millis(200);
        }
        throw new AssertionError("the call's message log stayed " + messages);
    }

    private static io.restassured.response.ExtractableResponse<io.restassured.response.Response> admin(String key,
            String method, String path, String body, int status) {
        var request = given().header("Authorization", key).contentType(ContentType.JSON).body(body).when();
        var response = "post".equals(method) ? request.post(intake + path) : request.put(intake + path);
        return response.then().statusCode(status).extract();
    }

    /**
     * One call, one trace, as the collector receives it: intake's request, the publication of each event, every
     * consumer, the timer firing for the lapsed promise, the emails on the SMTP wire and the publication of their
     * outcomes, each span the child of the one that caused it.
     */
    @Test
    void oneCallIsOneTraceFromIntakeThroughTheSchedulerToNotification() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String callerSpan = "b7ad6b7169203331";
        OffsetDateTime due = OffsetDateTime.now(ZoneOffset.ofHours(9)).plus(PROMISE).truncatedTo(ChronoUnit.SECONDS);
        String body = """
                {"addressee": "佐藤", "callerName": %s, "purpose": %s, "callbackNumber": %s,
                 "callback": {"dueAt": "%s", "assignee": "佐藤"}}""".formatted(provided("田中 花子"),
                provided("トレースの確認"), provided("03-2222-3333"), due);
        String callId = given().header("Authorization", DemoKeys.bearer(DemoKeys.ACME_OPERATOR))
                .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01").contentType(ContentType.JSON)
                .body(body).when().post(intake + "/tenants/{tenant}/calls", "acme-jp")
                .then().statusCode(201).extract().path("callId");

        // Complete once reporting has taken in the outcome of the overdue alert's send: the trace's last span.
        Instant end = Instant.now().plus(PROMISE).plus(MAIL_WAIT);
        List<OtlpReceiver.ExportedSpan> trace = List.of();
        while (Instant.now().isBefore(end)) {
            trace = collector.spans().stream().filter(span -> traceId.equals(span.traceId())).toList();
            if (descendant(trace, "smtp send OVERDUE_ALERT", "publish NotificationSent", "consume NotificationSent")) {
                break;
            }
            Pause.millis(200);
        }
        System.out.println("Trace " + traceId + " of call " + callId + ":\n" + tree(trace, callerSpan));

        OtlpReceiver.ExportedSpan request = one(trace, "intake-service", "SERVER", "POST /tenants/{tenantId}/calls");
        assertEquals(callerSpan, request.parentSpanId(), "intake's request continues the caller's trace");
        OtlpReceiver.ExportedSpan published = childOf(trace, request, "intake-service", "PRODUCER",
                "publish CallReceived");
        for (String consumer : List.of("callback-scheduler", "notification-service", "reporting-service")) {
            childOf(trace, published, consumer, "CONSUMER", "consume CallReceived");
        }
        OtlpReceiver.ExportedSpan scheduled = one(trace, "callback-scheduler", "CONSUMER", "consume CallReceived");
        OtlpReceiver.ExportedSpan fired = childOf(trace, scheduled, "callback-scheduler", "INTERNAL", "fire OVERDUE");
        OtlpReceiver.ExportedSpan overdue = childOf(trace, fired, "callback-scheduler", "PRODUCER",
                "publish CallbackOverdue");
        OtlpReceiver.ExportedSpan alerted = childOf(trace, overdue, "notification-service", "CONSUMER",
                "consume CallbackOverdue");
        OtlpReceiver.ExportedSpan alertSent = childOf(trace, alerted, "notification-service", "CLIENT",
                "smtp send OVERDUE_ALERT");
        OtlpReceiver.ExportedSpan alertOutcome = childOf(trace, alertSent, "notification-service", "PRODUCER",
                "publish NotificationSent");
        childOf(trace, alertOutcome, "reporting-service", "CONSUMER", "consume NotificationSent");
        OtlpReceiver.ExportedSpan reported = one(trace, "notification-service", "CONSUMER", "consume CallReceived");
        OtlpReceiver.ExportedSpan reportSent = childOf(trace, reported, "notification-service", "CLIENT",
                "smtp send REPORT");
        childOf(trace, reportSent, "notification-service", "PRODUCER", "publish NotificationSent");

        Set<String> ids = trace.stream().map(OtlpReceiver.ExportedSpan::spanId).collect(Collectors.toSet());
        List<OtlpReceiver.ExportedSpan> detached = trace.stream().filter(span -> span != request
                && !ids.contains(span.parentSpanId())).toList();
        assertEquals(List.of(), detached, "spans whose parent is not in the call's trace");
        List<OtlpReceiver.ExportedSpan> elsewhere = collector.spans().stream()
                .filter(span -> callId.equals(span.attributes().get("messaging.kafka.message.key"))
                        || callId.equals(span.attributes().get("orikaeshi.call.id")))
                .filter(span -> !traceId.equals(span.traceId())).toList();
        assertEquals(List.of(), elsewhere, "spans about the call in another trace");
    }

    /** Whether the trace holds a span of each name in turn, each the child of the one before. */
    private static boolean descendant(List<OtlpReceiver.ExportedSpan> trace, String... names) {
        List<OtlpReceiver.ExportedSpan> level = trace.stream().filter(span -> names[0].equals(span.name())).toList();
        for (int i = 1; i < names.length && !level.isEmpty(); i++) {
            String name = names[i];
            Set<String> parents = level.stream().map(OtlpReceiver.ExportedSpan::spanId).collect(Collectors.toSet());
            level = trace.stream().filter(span -> name.equals(span.name()) && parents.contains(span.parentSpanId()))
                    .toList();
        }
        return !level.isEmpty();
    }

    private static OtlpReceiver.ExportedSpan one(List<OtlpReceiver.ExportedSpan> trace, String service, String kind,
            String name) {
        List<OtlpReceiver.ExportedSpan> found = trace.stream().filter(span -> service.equals(span.service())
                && kind.equals(span.kind()) && name.equals(span.name())).toList();
        assertEquals(1, found.size(), "one " + kind + " span '" + name + "' of " + service + " in " + trace);
        return found.get(0);
    }

    /** The span of the service with that name and kind whose parent is the given span; fails unless there is one. */
    private static OtlpReceiver.ExportedSpan childOf(List<OtlpReceiver.ExportedSpan> trace,
            OtlpReceiver.ExportedSpan parent, String service, String kind,
            String name) {
        List<OtlpReceiver.ExportedSpan> found = trace.stream().filter(span -> service.equals(span.service())
                && kind.equals(span.kind()) && name.equals(span.name())
                && parent.spanId().equals(span.parentSpanId())).toList();
        assertEquals(1, found.size(), kind + " span '" + name + "' of " + service + " as a child of " + parent
                + " in " + trace);
        return found.get(0);
    }

    /** The trace as an indented tree, for the test's output (and the README's description of a call's trace). */
    private static String tree(List<OtlpReceiver.ExportedSpan> trace, String root) {
        StringBuilder out = new StringBuilder();
        appendChildren(out, trace, root, 1);
        return out.toString();
    }

    private static void appendChildren(StringBuilder out, List<OtlpReceiver.ExportedSpan> trace, String parent,
            int depth) {
        for (OtlpReceiver.ExportedSpan span : trace) {
            if (parent.equals(span.parentSpanId())) {
                out.append("  ".repeat(depth)).append(span.service()).append(": ").append(span.name())
                        .append(" (").append(span.kind()).append(")\n");
                appendChildren(out, trace, span.spanId(), depth + 1);
            }
        }
    }

    @Test
    void everyServiceExposesItsBusinessFiguresToPrometheus() {
        postCall("globex-us", provided("Max Mustermann"), provided("Metrics"), provided("212-555-0100"),
                OffsetDateTime.now(ZoneOffset.ofHours(9)).plusHours(1).truncatedTo(ChronoUnit.SECONDS));
        Map<String, List<String>> expected = Map.of(
                urls.get(0),
                List.of("orikaeshi_events_published_total{topic=\"orikaeshi.call-events\",type=\"CallReceived\"}"),
                urls.get(1),
                List.of("orikaeshi_scheduler_timers_pending", "orikaeshi_scheduler_firing_lateness_seconds_count"),
                urls.get(2),
                List.of("orikaeshi_events_published_total{topic=\"orikaeshi.notification-events\",type=\"NotificationSent\"}"),
                urls.get(3),
                List.of("reporting_projection_lag_seconds_count", "reporting_projection_lag_latest_seconds"));
        Instant end = Instant.now().plus(MAIL_WAIT);
        expected.forEach((url, names) -> {
            String metrics = "";
            while (Instant.now().isBefore(end)) {
                metrics = given().when().get(url + "/q/metrics").then().statusCode(200).extract().asString();
                String snapshot = metrics;
                if (names.stream().allMatch(snapshot::contains)) {
                    return;
                }
                Pause.millis(200);
            }
            String snapshot = metrics;
            fail(url + " lacks " + names.stream().filter(n -> !snapshot.contains(n)).toList());
        });
    }

    /** Where the time between the promise and the alert went, read from the services' own tables. */
    private static String hops(String callId, Instant due, Instant smtpAccepted) {
        try (Connection scheduler = DriverManager.getConnection(infra.jdbcUrl("scheduler"), infra.dbUsername(),
                infra.dbPassword());
                Connection notification = DriverManager.getConnection(infra.jdbcUrl("notification"), infra.dbUsername(),
                        infra.dbPassword())) {
            Instant fired = instant(scheduler, "select fired_at from deadline where call_id = ?", callId);
            Instant published;
            try (KafkaTestClient kafka = new KafkaTestClient(infra.kafkaBootstrapServers())) {
                published = kafka.poll(Topics.DEADLINE_EVENTS, r -> callId.equals(r.key())
                        && r.value().contains("\"type\":\"CallbackOverdue\""), 1, Duration.ofSeconds(5))
                        .stream().map(r -> Instant.ofEpochMilli(r.timestamp())).findFirst().orElse(null);
            }
            Instant queued = instant(notification,
                    "select created_at from mail_message where call_id = ? and kind = 'OVERDUE_ALERT'", callId);
            Instant sent = instant(notification,
                    "select sent_at from mail_message where call_id = ? and kind = 'OVERDUE_ALERT'", callId);
            return String.format(
                    "due+%d ms: fired +%d, published +%d, alert queued +%d, sent +%d, accepted by SMTP +%d",
                    Duration.between(due, smtpAccepted).toMillis(), millis(due, fired), millis(due, published),
                    millis(due, queued),
                    millis(due, sent), millis(due, smtpAccepted));
        } catch (SQLException e) {
            return "due+" + Duration.between(due, smtpAccepted).toMillis() + " ms (hops unknown: " + e + ")";
        }
    }

    private static Instant instant(Connection db, String sql, String callId) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, callId);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getTimestamp(1) != null ? row.getTimestamp(1).toInstant() : null;
            }
        }
    }

    private static long millis(Instant from, Instant to) {
        return to == null ? -1 : Duration.between(from, to).toMillis();
    }

    private String postCall(String tenant, String name, String purpose, String number, OffsetDateTime due) {
        String body = """
                {"addressee": "佐藤", "callerName": %s, "purpose": %s, "callbackNumber": %s,
                 "callback": {"dueAt": "%s", "assignee": "佐藤"}}""".formatted(name, purpose, number, due);
        return given().header("Authorization", DemoKeys.bearer(DemoKeys.operator(tenant)))
                .contentType(ContentType.JSON).body(body)
                .when().post(intake + "/tenants/{tenant}/calls", tenant)
                .then().statusCode(201).extract().path("callId");
    }

    /** Reporting is eventually consistent: ask until every callback has left OPEN, or the wait is over. */
    private Map<String, String> callbackStatuses(String tenant) throws InterruptedException {
        Instant end = Instant.now().plusSeconds(20);
        while (true) {
            List<Map<String, Object>> rows = given().header("Authorization", DemoKeys.bearer(DemoKeys.client(tenant)))
                    .when().get(reporting + "/tenants/{t}/callbacks", tenant)
                    .then().statusCode(200).extract().jsonPath().getList("$");
            Map<String, String> statuses = rows.stream().collect(Collectors.toMap(
                    r -> (String) r.get("callId"), r -> (String) ((Map<?, ?>) r.get("callback")).get("status")));
            if (!statuses.containsValue("OPEN") || Instant.now().isAfter(end)) {
                return statuses;
            }
            Thread.sleep(200);
        }
    }

    private static ReceivedMail await(MailCatcher mail, Predicate<ReceivedMail> match) {
        return mail.awaitMessages(match, 1, MAIL_WAIT).get(0);
    }

    private static Predicate<ReceivedMail> about(String callId) {
        return m -> m.textBody().contains(callId);
    }

    private static String provided(String value) {
        return "{\"status\": \"PROVIDED\", \"value\": \"" + value + "\"}";
    }

}
