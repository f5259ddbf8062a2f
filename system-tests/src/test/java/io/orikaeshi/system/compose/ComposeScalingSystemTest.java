package io.orikaeshi.system.compose;

import com.github.dockerjava.api.model.Container;
import io.orikaeshi.infra.ReceivedMail;
import io.orikaeshi.infra.DemoKeys;
import io.orikaeshi.infra.testing.MailboxClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 500 calls with callback promises, all missed, through the composed system with 3 notification-service and 2
 * callback-scheduler replicas competing for the partitions and the timers: every call gets exactly one report and
 * exactly one overdue alert.
 */
@ExtendWith(DockerCondition.class)
class ComposeScalingSystemTest {

    private static final int CALLS = 500;
    /** Long enough for all calls to be posted and reported before the first promise falls due. */
    private static final Duration PROMISE = Duration.ofSeconds(45);
    private static final Duration DELIVERY_WAIT = Duration.ofMinutes(4);
    private static final Pattern CALL_ID = Pattern.compile("\"callId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Map<String, String> TENANT_MAILBOX = Map.of(
            "acme-jp", "uketsuke@acme.example", "globex-us", "frontdesk@globex.example");

    private static ComposeStack stack;
    private static String intake;
    private static MailboxClient mail;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void upStack() {
        stack = ComposeStack.get();
        intake = stack.url("intake-service");
        mail = new MailboxClient(stack.mailboxUrl());
    }

    @Test
    void fiveHundredCallsOnScaledReplicasGiveOneReportEachAndOneAlertPerMissedPromise() throws Exception {
        assertEquals(ComposeStack.NOTIFICATION_REPLICAS, running("notification-service").size());
        assertEquals(ComposeStack.SCHEDULER_REPLICAS, running("callback-scheduler").size());

        Map<String, String> tenantOf = new ConcurrentHashMap<>();
        long postingStarted = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> posted = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                int n = i;
                posted.add(clients.submit(() -> {
                    String tenant = n % 2 == 0 ? "acme-jp" : "globex-us";
                    String callId = postCall(tenant, n);
                    tenantOf.put(callId, tenant);
                    return null;
                }));
            }
            for (Future<?> call : posted) {
                call.get();
            }
        } finally {
            clients.shutdown();
        }
        System.out.printf("Posted %d calls in %d ms%n", CALLS,
                Duration.ofNanos(System.nanoTime() - postingStarted).toMillis());
        int missed = CALLS;
        Instant end = Instant.now().plus(PROMISE).plus(DELIVERY_WAIT);
        Counts counts;
        do {
            ComposeStack.sleep(3000);
            counts = count(tenantOf);
            System.out.printf("reports %d/%d, overdue alerts %d/%d%n", counts.reports(), CALLS, counts.overdue(),
                    missed);
        } while ((counts.reports() < CALLS || counts.overdue() < missed) && Instant.now().isBefore(end));
        // A duplicate would come late (a redelivery after a rebalance): give one the time to show.
        ComposeStack.sleep(10_000);
        counts = count(tenantOf);

        Map<String, Long> reportsPerCall = counts.reportsPerCall();
        Map<String, Long> overduePerCall = counts.overduePerCall();
        List<String> notOneReport = tenantOf.keySet().stream()
                .filter(id -> reportsPerCall.getOrDefault(id, 0L) != 1).toList();
        List<String> wrongAlerts = tenantOf.keySet().stream()
                .filter(id -> overduePerCall.getOrDefault(id, 0L) != 1).toList();
        assertEquals(CALLS, tenantOf.size());
        assertEquals(List.of(), notOneReport.stream().map(id -> id + "=" + reportsPerCall.get(id)).toList(),
                "calls without exactly one report");
        assertEquals(List.of(), wrongAlerts.stream().map(id -> id + "=" + overduePerCall.get(id)).toList(),
                "calls without exactly one overdue alert");
        assertEquals(CALLS, counts.reports());
        assertEquals(missed, counts.overdue());
    }

    private record Counts(Map<String, Long> reportsPerCall, Map<String, Long> overduePerCall) {
        long reports() {
            return reportsPerCall.values().stream().mapToLong(Long::longValue).sum();
        }

        long overdue() {
            return overduePerCall.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Reports and overdue alerts of this test's calls, each counted in its tenant's mailbox. */
    private static Counts count(Map<String, String> tenantOf) {
        Map<String, Long> reports = new HashMap<>();
        Map<String, Long> overdue = new HashMap<>();
        for (ReceivedMail m : mail.messages()) {
            String callId = callIdIn(m.textBody(), tenantOf.keySet());
            if (callId == null || !m.to().get(0).equals(TENANT_MAILBOX.get(tenantOf.get(callId)))) {
                continue;
            }
            if (m.subject().contains("お電話のご報告") || m.subject().startsWith("Call for")) {
                reports.merge(callId, 1L, Long::sum);
            } else if (m.subject().startsWith("【期限超過】") || m.subject().startsWith("[OVERDUE]")) {
                overdue.merge(callId, 1L, Long::sum);
            }
        }
        return new Counts(reports, overdue);
    }

    private static String callIdIn(String text, Set<String> callIds) {
        // Call ids are UUIDs: find each candidate in the text and keep the one that is ours.
        Matcher uuid = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").matcher(text);
        while (uuid.find()) {
            if (callIds.contains(uuid.group())) {
                return uuid.group();
            }
        }
        return null;
    }

    private List<Container> running(String service) {
        return stack.replicas(service).stream().filter(c -> "running".equals(c.getState())).toList();
    }

    private String postCall(String tenant, int n) throws IOException, InterruptedException {
        String due = Instant.now().plus(PROMISE).truncatedTo(ChronoUnit.SECONDS).toString();
        String body = """
                {"addressee": "Sato", "callerName": {"status": "PROVIDED", "value": "Caller %d"},
                 "purpose": {"status": "PROVIDED", "value": "Scaling test %d"},
                 "callbackNumber": {"status": "DECLINED"},
                 "callback": {"dueAt": "%s", "assignee": "Sato"}}""".formatted(n, n, due);
        HttpResponse<String> response = send(intake + "/tenants/" + tenant + "/calls", DemoKeys.operator(tenant), body);
        assertEquals(201, response.statusCode(), response.body());
        Matcher id = CALL_ID.matcher(response.body());
        assertTrue(id.find(), response.body());
        return id.group(1);
    }

    private HttpResponse<String> send(String url, String key, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", DemoKeys.bearer(key))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
