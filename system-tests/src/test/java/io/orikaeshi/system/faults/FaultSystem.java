package io.orikaeshi.system.faults;

import io.orikaeshi.infra.InfraSettings;
import io.orikaeshi.infra.LocalInfrastructure;
import io.orikaeshi.infra.LocalSystem;
import io.orikaeshi.infra.Ports;
import io.orikaeshi.infra.ServiceProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One running system for the whole fault suite: the infrastructure and the four services as separate processes,
 * each of which can be killed and started again on its port, plus extra scheduler instances.
 */
final class FaultSystem implements AutoCloseable {

    static final String INTAKE = "intake-service";
    static final String SCHEDULER = "callback-scheduler";
    static final String NOTIFICATION = "notification-service";
    static final String REPORTING = "reporting-service";

    private static final Duration STARTUP = Duration.ofMinutes(3);
    /** After a fault has ended and its calls were checked: a service not ready by then has not recovered. */
    private static final Duration RECOVERY = Duration.ofSeconds(90);

    private final Path root;
    private final Path logs;
    private final LocalInfrastructure infra;
    /** The current process of each module, by module name; a restart replaces it. */
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, LocalSystem.ServiceSpec> specs = new LinkedHashMap<>();
    private final List<ServiceProcess> extraSchedulers = new ArrayList<>();

    private FaultSystem(Path root, LocalInfrastructure infra) {
        this.root = root;
        this.logs = root.resolve("system-tests").resolve("target").resolve("service-logs").resolve("faults");
        this.infra = infra;
    }

    static FaultSystem start(Path root) {
        LocalSystem.requireBuilt(root, LocalSystem.SERVICES);
        FaultSystem system = new FaultSystem(root, LocalInfrastructure.start(InfraSettings.forTests(
                LocalSystem.SERVICES.stream().map(LocalSystem.ServiceSpec::database).toList())));
        try {
            system.forgetEarlierLogs();
            for (LocalSystem.ServiceSpec spec : LocalSystem.SERVICES) {
                LocalSystem.ServiceSpec onFreePort = spec.withHttpPort(Ports.free());
                system.specs.put(spec.module(), onFreePort);
                system.services.put(spec.module(), system.launch(onFreePort, spec.module() + ".log"));
            }
            system.services.forEach(
                    (module, process) -> process.awaitHealthy(system.specs.get(module).readinessUrl(), STARTUP));
            return system;
        } catch (RuntimeException | Error e) {
            system.close();
            throw e;
        }
    }

    LocalInfrastructure infra() {
        return infra;
    }

    String url(String module) {
        return "http://127.0.0.1:" + specs.get(module).httpPort();
    }

    /** kill -9, then the same jar on the same port with the same configuration, and waits until it is ready. */
    void killAndRestart(String module) {
        ServiceProcess killed = services.get(module);
        killed.kill();
        System.out.println("[faults] killed " + killed + " with SIGKILL; starting it again");
        services.put(module, launch(specs.get(module), module + ".log"));
        services.get(module).awaitHealthy(specs.get(module).readinessUrl(), STARTUP);
    }

    /** kill -9 without a restart. */
    void kill(String module) {
        ServiceProcess killed = services.get(module);
        killed.kill();
        System.out.println("[faults] killed " + killed + " with SIGKILL");
    }

    /** Another callback-scheduler process on the same database and consumer group, as a second replica. */
    void startExtraScheduler() {
        LocalSystem.ServiceSpec spec = specs.get(SCHEDULER).withHttpPort(Ports.free());
        ServiceProcess extra = launch(spec, SCHEDULER + "-" + (extraSchedulers.size() + 2) + ".log");
        extraSchedulers.add(extra);
        extra.awaitHealthy(spec.readinessUrl(), STARTUP);
    }

    /** Every live service ready again (its database and Kafka reachable, tenants read). */
    void awaitAllReady() {
        services.forEach((module, process) -> {
            if (process.isAlive()) {
                process.awaitHealthy(specs.get(module).readinessUrl(), RECOVERY);
            }
        });
    }

    /** Each log then tells this run's story only (a restarted process appends to its module's log). */
    private void forgetEarlierLogs() {
        if (!Files.isDirectory(logs)) {
            return;
        }
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                Files.delete(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear " + logs, e);
        }
    }

    private ServiceProcess launch(LocalSystem.ServiceSpec spec, String logName) {
        Map<String, String> env = new LinkedHashMap<>(LocalSystem.serviceEnv(infra, spec, root));
        if (spec.module().equals(NOTIFICATION)) {
            // A mail claimed by a process that is then killed is sent again once its lease ends; the default 5 min
            // lease would outlast the suite's bounded waits. The lease must stay well above the send timeout.
            env.put("ORIKAESHI_MAIL_CLAIM_LEASE", "30s");
            env.put("ORIKAESHI_MAIL_SEND_TIMEOUT", "10s");
        }
        return ServiceProcess.start(spec.module(), LocalSystem.quarkusRunJar(root, spec.module()), env, List.of(),
                logs.resolve(logName));
    }

    @Override
    public void close() {
        extraSchedulers.forEach(ServiceProcess::stop);
        services.values().forEach(ServiceProcess::stop);
        infra.close();
    }
}
