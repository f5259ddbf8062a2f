package io.orikaeshi.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Where a benchmark's cores went: CPU time of groups of processes (and of this JVM's threads, by a name classifier)
 * over a measured window, beside the machine's busy time from {@code /proc/stat}. On a machine where the system under
 * test, its database, its broker and the load generator share the cores, this is what says how much CPU one unit of
 * work costs each of them, and so what rate the machine can reach at all.
 *
 * <p>Process CPU comes from {@link ProcessHandle.Info#totalCpuDuration()}: a process that exits inside the window
 * (a database connection closed, say) takes its time with it, so pooled connections are what it measures well.
 */
public final class CpuMeter {

    private static final Path PROC_STAT = Path.of("/proc/stat");
    /** Linux reports /proc/stat in clock ticks of 1/100 s on every architecture that matters here. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final Map<String, Predicate<ProcessHandle>> processes;
    private final Function<String, String> ownThreads;
    private Sample start;

    /**
     * @param processes  named groups of processes (in report order); a process counts in the first group it matches
     * @param ownThreads names this JVM's threads into groups by thread name (null: this JVM is not split)
     */
    public CpuMeter(Map<String, Predicate<ProcessHandle>> processes, Function<String, String> ownThreads) {
        this.processes = new LinkedHashMap<>(processes);
        this.ownThreads = ownThreads;
    }

    public static Predicate<ProcessHandle> pid(long pid) {
        return process -> process.pid() == pid;
    }

    /** Processes whose command (the executable's path) contains the text, e.g. "postgres". */
    public static Predicate<ProcessHandle> command(String contains) {
        return process -> process.info().command().map(c -> c.contains(contains)).orElse(false);
    }

    public static Predicate<ProcessHandle> thisJvm() {
        return pid(ProcessHandle.current().pid());
    }

    public void start() {
        start = sample();
    }

    /** CPU used since {@link #start()}. */
    public Report stop() {
        Sample end = sample();
        Map<String, Duration> used = new LinkedHashMap<>();
        end.cpu().forEach((group, nanos) -> used.put(group,
                Duration.ofNanos(Math.max(0, nanos - start.cpu().getOrDefault(group, 0L)))));
        return new Report(Duration.ofNanos(end.wallNanos() - start.wallNanos()),
                Duration.ofNanos((end.machineBusyTicks() - start.machineBusyTicks()) * NANOS_PER_TICK), used,
                Runtime.getRuntime().availableProcessors());
    }

    private record Sample(long wallNanos, long machineBusyTicks, Map<String, Long> cpu) {
    }

    private Sample sample() {
        Map<String, Long> cpu = new LinkedHashMap<>();
        processes.keySet().forEach(group -> cpu.put(group, 0L));
        ProcessHandle.allProcesses().forEach(process -> {
            for (Map.Entry<String, Predicate<ProcessHandle>> group : processes.entrySet()) {
                if (group.getValue().test(process)) {
                    long nanos = process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
                    cpu.merge(group.getKey(), nanos, Long::sum);
                    break;
                }
            }
        });
        if (ownThreads != null) {
            // The JIT compiler and GC threads are not Java threads, and a thread that ended took its time with it:
            // what this JVM used beyond its live threads is shown as its own line.
            long own = ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                long nanos = threads.getThreadCpuTime(thread.getId());
                if (nanos > 0) {
                    cpu.merge("  " + ownThreads.apply(thread.getName()), nanos, Long::sum);
                    own -= nanos;
                }
            }
            cpu.put("  JIT, GC, threads that ended", own);
        }
        return new Sample(System.nanoTime(), machineBusyTicks(), cpu);
    }

    /** user + nice + system + irq + softirq + steal of the machine, in clock ticks; 0 where there is no /proc. */
    private static long machineBusyTicks() {
        try {
            String[] fields = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[]{1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(fields[i]);
            }
            return busy;
        } catch (Exception e) {
            return 0;
        }
    }

    /**
     * CPU per group over the window. Thread groups of this JVM are indented under it; they only cover threads alive
     * at both ends of the window.
     */
    public record Report(Duration wall, Duration machineBusy, Map<String, Duration> cpu, int cores) {

        /** A Markdown table: cores used by each group, and its CPU per unit of work (e.g. per call). */
        public String table(long units, String unit) {
            double seconds = wall.toNanos() / 1e9;
            StringBuilder table = new StringBuilder(String.format(
                    "| CPU over %.1f s (%d cores) | cores used | CPU ms per %s |%n|---|---:|---:|%n", seconds, cores,
                    unit));
            cpu.forEach((group, used) -> table.append(row(group, used, seconds, units)));
            if (!machineBusy.isZero()) {
                table.append(row("whole machine (/proc/stat)", machineBusy, seconds, units));
            }
            return table.toString();
        }

        private static String row(String name, Duration used, double seconds, long units) {
            double ms = used.toNanos() / 1e6;
            return String.format("| %s | %.2f | %.3f |%n", name, ms / 1000 / seconds, units == 0
                    ? Double.NaN
                    : ms / units);
        }
    }
}
