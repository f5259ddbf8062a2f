package io.orikaeshi.system.faults;

import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackCompleted;
import io.orikaeshi.events.CallbackOverdue;
import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.events.Topics;
import io.orikaeshi.infra.MailCatcher;
import io.orikaeshi.infra.ReceivedMail;
import io.orikaeshi.infra.DemoKeys;
import io.orikaeshi.infra.testing.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;

/**
 * What "nothing lost, nothing doubled" means for the calls of one phase, checked against what the system put out:
 * the events on Kafka, the emails the SMTP server accepted and reporting's HTTP API. Waits (bounded) while
 * something is still missing; stops at once when something is wrong that waiting cannot undo.
 */
final class InvariantChecker {

    /** A completion on Kafka this long before the due time reaches the scheduler in time: the promise was kept. */
    private static final Duration KEPT_MARGIN = Duration.ofSeconds(5);
    /** Mail held back by SMTP retries (backoff doubling from 2 s) and consumers catching up after a fault. */
    private static final Duration AFTER_LAST_DUE = Duration.ofMinutes(2);
    /** Once nothing is missing, a last look this much later: a late double would show then. */
    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final Duration TOPIC_QUIET = Duration.ofMillis(1500);

    private final String kafkaBootstrapServers;
    private final MailCatcher mail;
    private final String reporting;
    /** The calls of the phases checked before, whose late effects must not count against the current one. */
    private final Set<String> earlierCalls = new HashSet<>();

    InvariantChecker(String kafkaBootstrapServers, MailCatcher mail, String reporting) {
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.mail = mail;
        this.reporting = reporting;
    }

    /** Checks the phase's calls; prints one line of figures; fails listing every problem found. */
    void check(String phase, Instant phaseStart, List<PlacedCall> calls) {
        Instant lastDue = calls.stream().map(PlacedCall::dueAt).max(Instant::compareTo).orElse(Instant.now());
        // A lapse can only be checked once it has happened.
        sleepUntil(lastDue.plusSeconds(2));
        Instant giveUp = lastDue.plus(AFTER_LAST_DUE);
        Findings findings = evaluate(phaseStart, calls);
        while (findings.wrong.isEmpty() && !findings.missing.isEmpty() && Instant.now().isBefore(giveUp)) {
            findings = evaluate(phaseStart, calls);
        }
        if (findings.wrong.isEmpty() && findings.missing.isEmpty()) {
            sleepUntil(Instant.now().plus(SETTLE));
            findings = evaluate(phaseStart, calls);
        }
        calls.forEach(call -> earlierCalls.add(call.callId()));
        System.out.println("[faults] " + phase + ": " + findings.figures());
        findings.duplicates.forEach(d -> System.out.println("[faults] " + phase + ": duplicate " + d));
        if (!findings.wrong.isEmpty() || !findings.missing.isEmpty()) {
            throw new AssertionError(phase + " broke the invariants (" + findings.figures() + ")"
                    + list("wrong", findings.wrong) + list("missing after waiting until due+" + AFTER_LAST_DUE,
                            findings.missing));
        }
    }

    private Findings evaluate(Instant phaseStart, List<PlacedCall> calls) {
        Set<String> ids = calls.stream().map(PlacedCall::callId).collect(Collectors.toSet());
        Findings findings = new Findings(calls.size());
        Map<String, List<Published>> events;
        try (KafkaTestClient kafka = new KafkaTestClient(kafkaBootstrapServers)) {
            events = Stream.of(Topics.CALL_EVENTS, Topics.DEADLINE_EVENTS)
                    .flatMap(topic -> kafka.readAll(topic, TOPIC_QUIET).stream())
                    .filter(r -> ids.contains(r.key()))
                    .map(r -> new Published(EventCodec.fromJson(r.value()), Instant.ofEpochMilli(r.timestamp())))
                    .collect(Collectors.groupingBy(p -> p.event().callId()));
            for (String consumer : Topics.CONSUMERS) {
                for (ConsumerRecord<String, String> parked : kafka.readAll(Topics.deadLetter(consumer), TOPIC_QUIET)) {
                    if (ids.contains(parked.key())) {
                        findings.parked(consumer, describe(parked));
                    } else if (earlierCalls.contains(parked.key())) {
                        // An earlier phase's call, parked late (e.g. its alert once its report was parked): that
                        // phase's failure, not this one's; counted apart so the figures say why a phase is slow.
                        findings.parkedEarlier += parked.timestamp() >= phaseStart.toEpochMilli() ? 1 : 0;
                    } else if (parked.timestamp() >= phaseStart.toEpochMilli()) {
                        findings.parked(consumer, describe(parked));
                    }
                }
            }
        }
        Map<String, List<ReceivedMail>> mails = mail.messages().stream()
                .flatMap(m -> ids.stream().filter(id -> m.textBody().contains(id)).map(id -> Map.entry(id, m)))
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        Map<String, String> listed = reportingStatuses(calls, phaseStart, "/calls");
        Map<String, String> callbacks = reportingStatuses(calls, phaseStart, "/callbacks");
        for (PlacedCall call : calls) {
            CallFacts facts = CallFacts.of(call, events.getOrDefault(call.callId(), List.of()), KEPT_MARGIN);
            facts.check(findings);
            new CallMails(call, facts, mails.getOrDefault(call.callId(), List.of())).check(findings);
            String expected = facts.expectedReportingStatus();
            if (expected != null) {
                findings.expect(listed.get(call.callId()), expected, call, "/calls", facts.dueTimes());
                findings.expect(callbacks.get(call.callId()), expected, call, "/callbacks", facts.dueTimes());
            }
        }
        return findings;
    }

    /** The callback status reporting shows for each of the phase's calls (the coarse one: escalated is OVERDUE). */
    private Map<String, String> reportingStatuses(List<PlacedCall> calls, Instant phaseStart, String path) {
        Map<String, String> statuses = new HashMap<>();
        for (String tenant : calls.stream().map(PlacedCall::tenant).distinct().toList()) {
            var request = given().header("Authorization", DemoKeys.bearer(DemoKeys.client(tenant)))
                    .queryParam("limit", 1000);
            if (path.equals("/calls")) {
                // Call time is intake's acceptance, never before the phase started (minus clock slack).
                request.queryParam("from", phaseStart.minusSeconds(60).toString());
            }
            List<Map<String, Object>> rows = request.when().get(reporting + "/tenants/{t}" + path, tenant)
                    .then().statusCode(200).extract().jsonPath().getList("$");
            rows.forEach(row -> statuses.put((String) row.get("callId"),
                    (String) ((Map<?, ?>) row.get("callback")).get("status")));
        }
        return statuses;
    }

    private static String describe(ConsumerRecord<String, String> record) {
        Header reason = record.headers().lastHeader("dead-letter-reason");
        Header source = record.headers().lastHeader("dead-letter-topic");
        String type = record.value() == null ? "null" : record.value().replaceAll("(?s).*\"type\":\"(\\w+)\".*", "$1");
        return "key " + record.key() + " " + (type.length() > 40 ? "(not an event)" : type) + " from "
                + text(source) + ": " + text(reason);
    }

    private static String text(Header header) {
        return header == null ? "?" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String list(String title, List<String> problems) {
        if (problems.isEmpty()) {
            return "";
        }
        return "\n  " + title + " (" + problems.size() + "):\n    " + problems.stream().limit(40)
                .collect(Collectors.joining("\n    ")) + (problems.size() > 40 ? "\n    ..." : "");
    }

    private static void sleepUntil(Instant when) {
        long millis = Duration.between(Instant.now(), when).toMillis();
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** An event as a record on Kafka, with the time the broker took it. */
    record Published(OrikaeshiEvent event, Instant at) {
    }

    /**
     * What the events on Kafka say about one call.
     *
     * @param completedAt when the broker took the call's CallbackCompleted (not when intake accepted it: a
     *                    completion waiting in intake's outbox while Kafka is away cannot stop the scheduler's clock)
     */
    record CallFacts(PlacedCall call, List<String> receivedIds, Instant completedAt, List<String> overdueIds,
            String dueTimes, Duration keptMargin) {

        static CallFacts of(PlacedCall call, List<Published> events, Duration keptMargin) {
            Function<Class<?>, Stream<Published>> ofType = type -> events.stream()
                    .filter(p -> type.isInstance(p.event()));
            return new CallFacts(call, ofType.apply(CallReceived.class).map(p -> p.event().eventId()).distinct()
                    .toList(),
                    ofType.apply(CallbackCompleted.class).map(Published::at).min(Instant::compareTo).orElse(null),
                    ofType.apply(CallbackOverdue.class).map(p -> p.event().eventId() + " on Kafka at " + p.at())
                            .distinct().toList(),
                    // Reporting compares the overdue event's due time with the call's: both shown when they disagree.
                    "(due time in CallReceived " + ofType.apply(CallReceived.class)
                            .map(p -> String.valueOf(((CallReceived) p.event()).call().callback().dueAt())).toList()
                            + ", in CallbackOverdue " + ofType.apply(CallbackOverdue.class)
                                    .map(p -> String.valueOf(((CallbackOverdue) p.event()).dueAt())).toList()
                            + ")",
                    keptMargin);
        }

        boolean lapsed() {
            return completedAt == null;
        }

        /** Completed on Kafka early enough for the scheduler to stop the clock: no overdue alert allowed. */
        boolean kept() {
            return completedAt != null && !completedAt.isAfter(call.dueAt().minus(keptMargin));
        }

        void check(Findings findings) {
            if (receivedIds.isEmpty()) {
                findings.missing.add(call.callId() + ": accepted but no CallReceived on " + Topics.CALL_EVENTS);
            } else if (receivedIds.size() > 1) {
                findings.wrong.add(call.callId() + ": " + receivedIds.size() + " CallReceived event ids");
            }
            if (call.completedAt() != null && completedAt == null) {
                findings.missing.add(call.callId() + ": completion accepted at " + call.completedAt()
                        + " but no CallbackCompleted on " + Topics.CALL_EVENTS);
            }
            if (lapsed() && overdueIds.isEmpty()) {
                findings.missing.add(call.callId() + ": lapsed at " + call.dueAt() + " but no CallbackOverdue on "
                        + Topics.DEADLINE_EVENTS);
            }
            if (overdueIds.size() > 1 || kept() && !overdueIds.isEmpty()) {
                // Distinct event ids: a record published twice carries one id, an overdue fired twice two.
                findings.wrong.add(call.callId() + ": CallbackOverdue " + overdueIds + " for a promise "
                        + (kept() ? "kept (completion on Kafka at " : "completed (on Kafka at ") + completedAt
                        + "), due "
                        + call.dueAt());
            }
            if (kept()) {
                findings.kept++;
            } else if (lapsed()) {
                findings.lapsed++;
            } else {
                findings.late++;
            }
        }

        /** What reporting must show once it has applied the events, or null while they are not all there. */
        String expectedReportingStatus() {
            if (receivedIds.isEmpty()) {
                return null;
            }
            return completedAt != null ? "COMPLETED" : "OVERDUE";
        }
    }

    /** The emails one call caused, by kind and recipient. */
    private record CallMails(PlacedCall call, CallFacts facts, List<ReceivedMail> mails) {

        void check(Findings findings) {
            for (ReceivedMail mail : mails) {
                if (!call.recipients().containsAll(mail.to())) {
                    findings.wrong.add(call.callId() + ": " + MailKind.of(mail.subject()) + " sent to " + mail.to()
                            + ", routes name " + call.recipients());
                }
            }
            for (String recipient : call.recipients()) {
                Map<MailKind, Map<String, Long>> byKind = mails.stream().filter(m -> m.to().contains(recipient))
                        .collect(Collectors.groupingBy(m -> MailKind.of(m.subject()),
                                Collectors.groupingBy(ReceivedMail::messageId, Collectors.counting())));
                byKind.values().forEach(copies -> copies.forEach((messageId, count) -> {
                    if (count > 1) {
                        findings.duplicates.add(call.callId() + " to " + recipient + ": " + messageId
                                + " received " + count + " times");
                    }
                }));
                String who = call.callId() + " (" + call.tenant() + ") to " + recipient;
                findings.reports += exactlyOne(findings, byKind.get(MailKind.REPORT), who + ": report");
                if (facts.lapsed()) {
                    findings.overdueAlerts += exactlyOne(findings, byKind.get(MailKind.OVERDUE),
                            who + ": overdue alert (lapsed at " + call.dueAt() + ")");
                } else {
                    int overdue = atMostOne(findings, byKind.get(MailKind.OVERDUE), who + ": overdue alert");
                    findings.overdueAlerts += overdue;
                    if (facts.kept() && overdue > 0) {
                        findings.wrong.add(who + ": overdue alert for a promise kept (completion on Kafka at "
                                + facts.completedAt() + ", due " + call.dueAt() + ")");
                    }
                }
                findings.warnings += call.warned() && facts.lapsed()
                        ? exactlyOne(findings, byKind.get(MailKind.WARNING), who + ": warning alert")
                        : atMostOne(findings, byKind.get(MailKind.WARNING), who + ": warning alert");
            }
        }

        private static int exactlyOne(Findings findings, Map<String, Long> messageIds, String what) {
            if (messageIds == null || messageIds.isEmpty()) {
                findings.missing.add(what + " not received");
                return 0;
            }
            return atMostOne(findings, messageIds, what);
        }

        /** Distinct Message-IDs for one (call, kind, recipient) are two emails: never allowed. */
        private static int atMostOne(Findings findings, Map<String, Long> messageIds, String what) {
            if (messageIds == null) {
                return 0;
            }
            if (messageIds.size() > 1) {
                findings.wrong.add(what + " sent " + messageIds.size() + " times with distinct Message-IDs "
                        + messageIds.keySet());
            }
            return messageIds.size();
        }
    }

    /** The problems and figures of one look. */
    private static final class Findings {
        final int accepted;
        final List<String> wrong = new ArrayList<>();
        final List<String> missing = new ArrayList<>();
        final List<String> duplicates = new ArrayList<>();
        final List<String> parked = new ArrayList<>();
        int reports;
        int warnings;
        int overdueAlerts;
        int parkedEarlier;
        int kept;
        int lapsed;
        int late;

        Findings(int accepted) {
            this.accepted = accepted;
        }

        void parked(String consumer, String record) {
            parked.add(consumer + ": " + record);
            wrong.add("parked on " + Topics.deadLetter(consumer) + ": " + record);
        }

        void expect(String actual, String expected, PlacedCall call, String path, String dueTimes) {
            if (!expected.equals(actual)) {
                missing.add(call.callId() + " (" + call.tenant() + "): reporting " + path + " shows "
                        + (actual == null ? "nothing" : actual) + ", the events say " + expected + " " + dueTimes);
            }
        }

        String figures() {
            return String.format("calls accepted %d (kept %d, lapsed %d, completed late %d), reports %d,"
                    + " warning alerts %d, overdue alerts %d, duplicates %d (same Message-ID), parked records %d"
                    + " (and %d of earlier phases' calls)", accepted, kept, lapsed, late, reports, warnings,
                    overdueAlerts, duplicates.size(), parked.size(), parkedEarlier);
        }
    }
}
