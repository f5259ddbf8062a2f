package io.orikaeshi.system.faults;

import io.orikaeshi.infra.LocalSystem;
import io.orikaeshi.infra.MailCatcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Nothing lost, proven: one system (real Kafka, PostgreSQL and SMTP, the four services as OS processes) takes a
 * steady flow of calls for both demo tenants, some callbacks completed at once and the rest left to lapse, while one
 * fault at a time is injected. After each fault the {@link InvariantChecker} looks at that phase's calls only.
 * One system for all phases (started once, minutes saved); each phase makes its own calls, so they stay independent.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteSystemTest {

    private static final Path ROOT = LocalSystem.repositoryRoot();
    private static final Duration FLOW_INTERVAL = Duration.ofMillis(1500);
    /** Lapses inside the fault window or right after it: the alert is sent while the system recovers. */
    private static final Duration PROMISE = Duration.ofSeconds(30);
    private static final Duration DATABASE_OUTAGE = Duration.ofSeconds(60);
    private static final Duration KAFKA_OUTAGE = Duration.ofSeconds(30);
    private static final Duration SMTP_OUTAGE = Duration.ofSeconds(60);
    /** Before and after a fault: the flow runs on a healthy system too. */
    private static final Duration CALM = Duration.ofSeconds(4);

    private static FaultSystem system;
    private static CallTraffic traffic;
    private static InvariantChecker checker;

    @BeforeAll
    static void startSystem() {
        system = FaultSystem.start(ROOT);
        MailCatcher mail = system.infra().mail();
        traffic = new CallTraffic(system.url(FaultSystem.INTAKE));
        checker = new InvariantChecker(system.infra().kafkaBootstrapServers(), mail,
                system.url(FaultSystem.REPORTING));
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    /**
     * The acceptance experiment with shorter promises: 20 calls accepted, then PostgreSQL refused for a
     * minute (every service) while the consumers take their events, then restored. Their promises (100 s) are warned
     * at 50 s, inside the outage, and fall due 40 s after it: each gets its report, its warning and its overdue alert
     * exactly once. Four more calls are completed before the outage: no alert. Through the outage the flow goes on:
     * intake answers 503 and the client retries until accepted.
     */
    @Test
    @Order(1)
    void databaseUnreachableForAMinuteWhileTheConsumersTakeTwentyCalls() {
        Instant start = Instant.now();
        Duration promise = Duration.ofSeconds(100);
        List<PlacedCall> calls = new ArrayList<>(traffic.place(4, promise, true, false));
        calls.addAll(traffic.place(20, promise, false, true));
        system.infra().stopPostgres();
        CallTraffic.Flow flow;
        try {
            flow = traffic.startFlow(FLOW_INTERVAL, PROMISE);
            pause(DATABASE_OUTAGE);
        } finally {
            system.infra().restartPostgres();
        }
        calls.addAll(flow.stop());
        checker.check("postgres unreachable " + DATABASE_OUTAGE.toSeconds() + " s", start, calls);
        system.awaitAllReady();
    }

    @Test
    @Order(2)
    void kafkaBrokerStoppedForThirtySecondsAndRestarted() {
        outage("kafka stopped", KAFKA_OUTAGE, system.infra()::stopKafka, system.infra()::startKafka);
    }

    @Test
    @Order(3)
    void smtpServerRefusingConnectionsForAMinute() {
        outage("smtp refusing", SMTP_OUTAGE, system.infra().mail()::stopSmtp, system.infra().mail()::startSmtp);
    }

    @Test
    @Order(4)
    void eachServiceKilledWithSigkillInTurnAndRestarted() {
        Instant start = Instant.now();
        CallTraffic.Flow flow = traffic.startFlow(FLOW_INTERVAL, PROMISE);
        for (String module : List.of(FaultSystem.INTAKE, FaultSystem.SCHEDULER, FaultSystem.NOTIFICATION,
                FaultSystem.REPORTING)) {
            pause(CALM);
            system.killAndRestart(module);
        }
        pause(CALM);
        List<PlacedCall> calls = flow.stop();
        checker.check("kill -9 of each service", start, calls);
    }

    @Test
    @Order(5)
    void oneOfTwoSchedulerInstancesKilledWhileDeadlinesFallDue() {
        system.startExtraScheduler();
        Instant start = Instant.now();
        Duration promise = Duration.ofSeconds(20);
        CallTraffic.Flow flow = traffic.startFlow(FLOW_INTERVAL, promise);
        // The first promises are falling due, one every FLOW_INTERVAL, and more keep coming.
        pause(promise.plus(CALM));
        system.kill(FaultSystem.SCHEDULER);
        pause(CALM.multipliedBy(2));
        List<PlacedCall> calls = flow.stop();
        checker.check("one of two schedulers killed", start, calls);
    }

    /** The flow runs before, during and after the outage; then the phase's calls are checked. */
    private static void outage(String name, Duration length, Runnable stop, Runnable restore) {
        Instant start = Instant.now();
        CallTraffic.Flow flow = traffic.startFlow(FLOW_INTERVAL, PROMISE);
        pause(CALM);
        stop.run();
        try {
            pause(length);
        } finally {
            restore.run();
        }
        pause(CALM);
        List<PlacedCall> calls = flow.stop();
        checker.check(name + " " + length.toSeconds() + " s", start, calls);
        system.awaitAllReady();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
