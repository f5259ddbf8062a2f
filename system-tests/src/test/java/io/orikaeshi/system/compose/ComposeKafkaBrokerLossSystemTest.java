package io.orikaeshi.system.compose;

import com.github.dockerjava.api.model.Container;
import io.orikaeshi.infra.ReceivedMail;
import io.orikaeshi.infra.DemoKeys;
import io.orikaeshi.infra.testing.MailboxClient;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing acknowledged is lost when a Kafka broker goes away: the composed system on the three-node cluster
 * (deploy/compose/kafka-cluster.yml: replication factor 3, min.insync.replicas 2, producers on acks=all) takes a
 * steady flow of calls, one broker is stopped while they flow (the leader of a call-events partition, so leadership
 * has to move) and calls keep coming; then every call that intake answered 2xx has exactly one report per recipient,
 * every lapsed promise exactly one overdue alert per recipient and a kept one none, reporting shows every call with
 * its callback's outcome, and no record went to a dead-letter topic. Restarted, the broker catches up until every
 * partition is fully replicated again.
 */
@ExtendWith(DockerCondition.class)
// After the classes on the scaled stack (ComposeStack runs one variant at a time): that stack then starts only once.
@Order(Integer.MAX_VALUE)
class ComposeKafkaBrokerLossSystemTest {

    private static final int CALLS = 80;
    /** 80 calls over 30 s. */
    private static final Duration SPACING = Duration.ofMillis(375);
    /**
     * The broker is stopped this many calls in (about 9 s). Its controlled shutdown moves the leaderships away while
     * calls keep coming (about 10 s here), the last calls come while it is gone, and every overdue alert is fired and
     * sent with it down.
     */
    private static final int STOP_AT = 25;
    /** Long enough for every call to be posted and reported, and every kept promise completed, before the first is due. */
    private static final Duration PROMISE = Duration.ofSeconds(45);
    private static final Duration DELIVERY_WAIT = Duration.ofMinutes(3);
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern CALL_ID = Pattern.compile("\"callId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** Whom each tenant's mail goes to, for these calls (config/tenants.properties): acme-jp's purpose category 見積 routes to two recipients. */
    private static final Map<String, List<String>> RECIPIENTS = Map.of(
            "acme-jp", List.of("mitsumori@acme.example", "eigyo@acme.example"),
            "globex-us", List.of("frontdesk@globex.example"));
    /** The broker node ids of kafka-cluster.yml and their compose services. */
    private static final Map<String, String> BROKER_SERVICE = Map.of("1", "kafka", "2", "kafka-2", "3", "kafka-3");
    /**
     * The image's own tool scripts where it has them (the public image); the tool classes from its jars otherwise. A
     * short-lived JVM beside the brokers, as in deploy/compose/kafka-topics.sh: client compiler and serial collector.
     */
    private static final String KAFKA_TOOL = """
            tool=$1; class=$2; shift 2; opts="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
            if [ -x /opt/kafka/bin/$tool ]; then
              KAFKA_HEAP_OPTS=-Xmx128m KAFKA_JVM_PERFORMANCE_OPTS="$opts" exec /opt/kafka/bin/$tool "$@"
            fi
            exec java -Xmx128m $opts -cp '/opt/kafka/libs/*' $class "$@"
            """;

    /** What happens to a call's callback promise. */
    enum Promise {
        LAPSES, KEPT, NONE
    }

    record Posted(String callId, String tenant, Promise promise) {
    }

    private static ComposeStack stack;
    private static String intake;
    private static String reporting;
    private static MailboxClient mail;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void upStack() {
        stack = ComposeStack.get(ComposeStack.Variant.KAFKA_CLUSTER);
        intake = stack.url("intake-service");
        reporting = stack.url("reporting-service");
        mail = new MailboxClient(stack.mailboxUrl());
    }

    @Test
    void stoppingOneBrokerWhileCallsFlowLosesNoAcknowledgedCallNorDoublesAnyMail() throws Exception {
        assertEquals(Set.of("kafka", "kafka-2", "kafka-3"), BROKER_SERVICE.values().stream()
                .filter(service -> !running(service).isEmpty()).collect(Collectors.toSet()), "three running brokers");
        String victim = leaderOfCallEventsPartitionZero();
        Container broker = running(victim).get(0);

        List<Posted> posted = new ArrayList<>();
        Map<Integer, String> refused = new ConcurrentHashMap<>();
        CompletableFuture<Void> stopped = null;
        ExecutorService clients = Executors.newFixedThreadPool(4);
        long started = System.nanoTime();
        try {
            List<Future<Posted>> answers = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                long at = started + SPACING.toNanos() * i;
                ComposeStack.sleep(Math.max(0, (at - System.nanoTime()) / 1_000_000));
                if (i == STOP_AT) {
                    // Beside the flow: a broker's controlled shutdown takes seconds, and the calls must not wait for it.
                    stopped = CompletableFuture.runAsync(() -> {
                        stack.docker().stopContainerCmd(broker.getId()).withTimeout(30).exec();
                        System.out.printf("Stopped %s at %d ms%n", victim,
                                Duration.ofNanos(System.nanoTime() - started).toMillis());
                    });
                }
                int n = i;
                answers.add(clients.submit(() -> post(n, refused)));
            }
            for (Future<Posted> answer : answers) {
                Posted call = answer.get();
                if (call != null) {
                    posted.add(call);
                }
            }
        } finally {
            clients.shutdown();
        }
        stopped.get();
        System.out.printf("Posted %d calls in %d ms, %d acknowledged; %s down since call %d%n", CALLS,
                Duration.ofNanos(System.nanoTime() - started).toMillis(), posted.size(), victim, STOP_AT);
        // The broker is really gone: its replicas have dropped out of the in-sync sets.
        assertFalse(underReplicatedPartitions().isBlank(),
                "with " + victim + " stopped, partitions are under-replicated");
        // Intake answers from its database and outbox, never from Kafka: a broker's loss refuses no call.
        assertEquals(Map.of(), refused, "calls answered other than 2xx");

        Map<String, Long> expected = expectedMail(posted);
        Instant end = Instant.now().plus(PROMISE).plus(DELIVERY_WAIT);
        Map<String, Long> received;
        do {
            ComposeStack.sleep(3000);
            received = mailPerCall(posted);
            System.out.printf("mails %d of %d%n", received.values().stream().mapToLong(Long::longValue).sum(),
                    expected.values().stream().mapToLong(Long::longValue).sum());
        } while (!received.keySet().containsAll(expected.keySet()) && Instant.now().isBefore(end));
        // A duplicate would come late (a producer retry, a redelivery after the leader moved): give one the time to show.
        ComposeStack.sleep(10_000);
        received = mailPerCall(posted);
        assertEquals(new TreeMap<>(expected), new TreeMap<>(received),
                "exactly one report per recipient for every call, one overdue alert per recipient for every lapsed promise");

        Map<String, String> outcome = callbackOutcomes(posted);
        Map<String, String> expectedOutcome = posted.stream()
                .collect(Collectors.toMap(Posted::callId, p -> switch (p.promise()) {
                    case LAPSES -> "OVERDUE";
                    case KEPT -> "COMPLETED";
                    case NONE -> "NONE";
                }));
        assertEquals(new TreeMap<>(expectedOutcome), new TreeMap<>(outcome),
                "reporting shows every call and its callback");

        Map<String, Long> deadLetters = deadLetterRecords();
        assertEquals(18, deadLetters.size(), "three dead-letter topics of six partitions each: " + deadLetters);
        assertEquals(0L, deadLetters.values().stream().mapToLong(Long::longValue).sum(),
                "records on the dead-letter topics: " + deadLetters);

        stack.docker().startContainerCmd(broker.getId()).exec();
        String lagging = underReplicatedPartitions();
        Instant replicated = Instant.now().plusSeconds(120);
        while (!lagging.isBlank() && Instant.now().isBefore(replicated)) {
            ComposeStack.sleep(2000);
            lagging = underReplicatedPartitions();
        }
        assertEquals("", lagging.strip(), victim + " restarted, every partition is fully replicated again");
    }

    /** Every call is posted; a 2xx answer makes it one the system owes its mail to. */
    private Posted post(int n, Map<Integer, String> refused) throws IOException, InterruptedException {
        String tenant = n % 2 == 0 ? "acme-jp" : "globex-us";
        Promise promise = Promise.values()[n % 3];
        String due = Instant.now().plus(PROMISE).truncatedTo(ChronoUnit.SECONDS).toString();
        String callback = promise == Promise.NONE
                ? ""
                : ", \"callback\": {\"dueAt\": \"%s\", \"assignee\": \"Sato\"}".formatted(due);
        String body = """
                {"addressee": "Sato", "callerName": {"status": "PROVIDED", "value": "Caller %d"},
                 "purpose": {"status": "PROVIDED", "value": "Broker loss test %d"}, "purposeCategory": "%s",
                 "callbackNumber": {"status": "DECLINED"}%s}""".formatted(n, n,
                tenant.equals("acme-jp") ? "見積" : "general", callback);
        HttpResponse<String> response = send(intake + "/tenants/" + tenant + "/calls", DemoKeys.operator(tenant), body);
        if (response.statusCode() / 100 != 2) {
            refused.put(n, response.statusCode() + " " + response.body());
            return null;
        }
        Matcher id = CALL_ID.matcher(response.body());
        assertTrue(id.find(), response.body());
        if (promise == Promise.KEPT) {
            HttpResponse<String> done = send(
                    intake + "/tenants/" + tenant + "/calls/" + id.group(1) + "/callback/completion",
                    DemoKeys.operator(tenant), "{\"completedBy\": \"Sato\"}");
            assertEquals(200, done.statusCode(), done.body());
        }
        return new Posted(id.group(1), tenant, promise);
    }

    /** "callId recipient REPORT|OVERDUE" -> 1 for every mail these calls are owed. */
    private static Map<String, Long> expectedMail(List<Posted> posted) {
        Map<String, Long> expected = new TreeMap<>();
        for (Posted call : posted) {
            for (String recipient : RECIPIENTS.get(call.tenant())) {
                expected.put(call.callId() + " " + recipient + " REPORT", 1L);
                if (call.promise() == Promise.LAPSES) {
                    expected.put(call.callId() + " " + recipient + " OVERDUE", 1L);
                }
            }
        }
        return expected;
    }

    /** Reports and overdue alerts about these calls, counted per call, mailbox and kind, wherever they arrived. */
    private static Map<String, Long> mailPerCall(List<Posted> posted) {
        Set<String> ours = posted.stream().map(Posted::callId).collect(Collectors.toSet());
        Map<String, Long> counts = new TreeMap<>();
        for (ReceivedMail m : mail.messages()) {
            String callId = UUID.matcher(m.textBody()).results().map(java.util.regex.MatchResult::group)
                    .filter(ours::contains).findFirst().orElse(null);
            String kind = m.subject().contains("お電話のご報告") || m.subject().startsWith("Call for")
                    ? "REPORT"
                    : m.subject().startsWith("【期限超過】") || m.subject().startsWith("[OVERDUE]") ? "OVERDUE" : null;
            if (callId != null && kind != null) {
                counts.merge(callId + " " + m.to().get(0) + " " + kind, 1L, Long::sum);
            }
        }
        return counts;
    }

    /** Each call's callback status in reporting ("NONE" without a promise); waits while any is still OPEN. */
    private Map<String, String> callbackOutcomes(List<Posted> posted) throws IOException, InterruptedException {
        Set<String> ours = posted.stream().map(Posted::callId).collect(Collectors.toSet());
        Instant end = Instant.now().plusSeconds(60);
        while (true) {
            Map<String, String> statuses = new TreeMap<>();
            for (String tenant : RECIPIENTS.keySet()) {
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(
                        URI.create(reporting + "/tenants/" + tenant + "/calls?limit=1000"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", DemoKeys.bearer(DemoKeys.client(tenant)))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, page.statusCode(), page.body());
                List<Map<String, Object>> rows = JsonPath.from(page.body()).getList("$");
                for (Map<String, Object> row : rows) {
                    String callId = (String) row.get("callId");
                    Object callback = row.get("callback");
                    if (ours.contains(callId)) {
                        statuses.put(callId,
                                callback == null ? "NONE" : String.valueOf(((Map<?, ?>) callback).get("status")));
                    }
                }
            }
            if ((statuses.size() == ours.size() && !statuses.containsValue("OPEN")) || Instant.now().isAfter(end)) {
                return statuses;
            }
            ComposeStack.sleep(1000);
        }
    }

    /** The broker leading partition 0 of orikaeshi.call-events: stopping it makes intake's relay follow a new leader. */
    private String leaderOfCallEventsPartitionZero() {
        String describe = kafkaTool("kafka-topics.sh", "org.apache.kafka.tools.TopicCommand",
                "--describe", "--topic", "orikaeshi.call-events");
        Matcher leader = Pattern.compile("Partition:\\s*0\\s+Leader:\\s*(\\d+)").matcher(describe);
        assertTrue(leader.find(), describe);
        return BROKER_SERVICE.get(leader.group(1));
    }

    private String underReplicatedPartitions() {
        return kafkaTool("kafka-topics.sh", "org.apache.kafka.tools.TopicCommand",
                "--describe", "--under-replicated-partitions");
    }

    /** "topic:partition" -> end offset of every dead-letter partition: 0 when nothing was ever written there. */
    private Map<String, Long> deadLetterRecords() {
        // --topic takes a regular expression.
        String offsets = kafkaTool("kafka-get-offsets.sh", "org.apache.kafka.tools.GetOffsetShell",
                "--topic", "orikaeshi\\.dlq\\..*");
        Map<String, Long> ends = new TreeMap<>();
        offsets.lines().map(String::strip).filter(line -> line.matches("orikaeshi\\.dlq\\.[^:]+:\\d+:\\d+"))
                .forEach(line -> ends.put(line.substring(0, line.lastIndexOf(':')),
                        Long.parseLong(line.substring(line.lastIndexOf(':') + 1))));
        return ends;
    }

    /** A Kafka command-line tool, run inside a running broker's container against the whole cluster. */
    private String kafkaTool(String script, String toolClass, String... args) {
        Container any = BROKER_SERVICE.values().stream().sorted().flatMap(service -> running(service).stream())
                .findFirst().orElseThrow(() -> new IllegalStateException("no running broker"));
        List<String> command = new ArrayList<>(List.of("bash", "-c", KAFKA_TOOL, "kafka-tool", script, toolClass,
                "--bootstrap-server", "kafka:9092,kafka-2:9092,kafka-3:9092"));
        command.addAll(List.of(args));
        return stack.exec(any, TOOL_TIMEOUT, command.toArray(String[]::new));
    }

    private List<Container> running(String service) {
        return stack.replicas(service).stream().filter(c -> "running".equals(c.getState())).toList();
    }

    private HttpResponse<String> send(String url, String key, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", DemoKeys.bearer(key))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
