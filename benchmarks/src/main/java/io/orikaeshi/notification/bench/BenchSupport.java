package io.orikaeshi.notification.bench;

import io.orikaeshi.bench.CpuMeter;
import io.orikaeshi.infra.MailCatcher;
import io.orikaeshi.infra.ServiceProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What both notification benchmarks need: a free port, the repository's root, the services' JVM arguments as
 * deployed, and a CPU meter that says where the cores went.
 */
final class BenchSupport {

    /**
     * Kafka broker threads in the benchmark's JVM (KRaft: request handlers, network threads, raft I/O, purgatories,
     * coordinators, log manager); the benchmark's own Kafka clients are named differently (producer-network, record-times).
     */
    private static final Pattern BROKER = Pattern.compile(
            ".*(data-plane|kafka-request-handler|kafka-network|raft|quorum|expirationreaper|broker-|controller"
                    + "|coordinator|log-cleaner|logdirfailure|kafka-scheduler|metadata|replica|share|transaction"
                    + "|executor-|fetcher|alter|lso).*");

    private BenchSupport() {
    }

    /** Comma-separated rates per second from {@code args[index]}, else from {@code fallback}. */
    static int[] rates(String[] args, int index, String fallback) {
        return Arrays.stream((args.length > index ? args[index] : fallback).split(",")).mapToInt(Integer::parseInt)
                .toArray();
    }

    /** Where the services' logs go: benchmarks/target/bench, created. */
    static Path logs(Path root) throws IOException {
        return Files.createDirectories(root.resolve("benchmarks/target/bench"));
    }

    /**
     * A service's JVM arguments as deployed: the images run the full JIT with a heap of 512 MB (the local run's
     * ServiceProcess defaults, C1 only and 256 MB, come first and are overridden), then {@code serviceArgs}, then
     * BENCH_SERVICE_ARGS (e.g. a flight recording).
     */
    static List<String> deployedJvm(String... serviceArgs) {
        List<String> args = new ArrayList<>(List.of("-Xmx512m", "-XX:TieredStopAtLevel=4"));
        args.addAll(Arrays.asList(serviceArgs));
        String extra = System.getenv("BENCH_SERVICE_ARGS");
        if (extra != null && !extra.isBlank()) {
            args.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        return args;
    }

    /**
     * CPU per unit of work of each part: the services (by pid), PostgreSQL (every server process), and this JVM
     * split by thread name into the Kafka broker, the SMTP server, the load generator and the rest.
     */
    static CpuMeter cpuMeter(Map<String, ServiceProcess> services) {
        return new CpuMeter(processes(services), BenchSupport::threadGroup);
    }

    /** The same processes, this JVM's threads one line per name (digits folded): checks {@link #threadGroup}. */
    static CpuMeter threadMeter(Map<String, ServiceProcess> services) {
        return new CpuMeter(processes(services), thread -> threadGroup(thread) + ": " + thread.replaceAll("\\d+", "#"));
    }

    private static Map<String, Predicate<ProcessHandle>> processes(Map<String, ServiceProcess> services) {
        Map<String, Predicate<ProcessHandle>> processes = new LinkedHashMap<>();
        services.forEach((name, process) -> processes.put(name, CpuMeter.pid(process.pid())));
        processes.put("PostgreSQL", CpuMeter.command("postgres"));
        processes.put("benchmark JVM", CpuMeter.thisJvm());
        return processes;
    }

    /**
     * Waits until the SMTP server has at least {@code count} mails; false on timeout. Polls a count instead of
     * {@link MailCatcher#awaitMessages}, which rescans every mail on each arrival: at 15,000 mails that scan would
     * show as CPU of the benchmark's main thread, counted as the load generator's.
     */
    static boolean awaitCount(MailCatcher mail, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (mail.messages().size() < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    static String threadGroup(String thread) {
        String name = thread.toLowerCase(Locale.ROOT);
        // GreenMail names its server thread after the protocol and each connection's thread "<server><-<client>".
        if (name.startsWith("smtp") || name.contains("<-")) {
            return "GreenMail (SMTP server)";
        }
        if (name.startsWith("vert.x-eventloop") || name.equals("main") || name.startsWith("pacer")
                || name.startsWith("kafka-producer-network-thread")) {
            return "load generator";
        }
        if (BROKER.matcher(name).matches()) {
            return "Kafka broker";
        }
        return "other threads";
    }
}
