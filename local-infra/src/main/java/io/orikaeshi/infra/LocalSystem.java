package io.orikaeshi.infra;

import io.orikaeshi.events.Topics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * The one-command local run: infrastructure on fixed ports, then the four services as separate processes, each
 * configured through environment variables exactly as a deployment would. The system test reuses
 * {@link #SERVICES}, {@link #serviceEnv} and {@link #startService} with other ports.
 *
 * <pre>java -jar local-infra/target/local-infra-runner.jar --root .</pre>
 */
public final class LocalSystem {

    /** A service module, the database it owns and its HTTP port in the local run. */
    public record ServiceSpec(String module, String database, int httpPort) {

        public ServiceSpec withHttpPort(int port) {
            return new ServiceSpec(module, database, port);
        }

        public String readinessUrl() {
            return "http://127.0.0.1:" + httpPort + "/q/health/ready";
        }
    }

    public static final List<ServiceSpec> SERVICES = List.of(
            new ServiceSpec("intake-service", "intake", 8081),
            new ServiceSpec("callback-scheduler", "scheduler", 8082),
            new ServiceSpec("notification-service", "notification", 8083),
            new ServiceSpec("reporting-service", "reporting", 8084));

    public static final int KAFKA_PORT = 19092;
    public static final int POSTGRES_PORT = 15432;
    public static final int SMTP_PORT = 2525;
    public static final int MAILBOX_PORT = 8025;

    public static final String MAIL_FROM = "orikaeshi@localhost";
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

    private LocalSystem() {
    }

    /** Where a module's runnable jar is after {@code ./mvnw package}. */
    /** The checkout: the {@code orikaeshi.root} system property, else the nearest folder above holding mvnw. */
    public static Path repositoryRoot() {
        String configured = System.getProperty("orikaeshi.root");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("Run from inside the repository, or set -Dorikaeshi.root");
        }
        return dir;
    }

    public static Path quarkusRunJar(Path root, String module) {
        return root.resolve(module).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    /** The tenants of the demo, handed to every service as an extra Quarkus config source when present. */
    public static Path tenantsFile(Path root) {
        return root.resolve("config").resolve("tenants.properties");
    }

    /** The configuration of one service, as environment variables (what a container or a unit file would set). */
    public static Map<String, String> serviceEnv(LocalInfrastructure infra, String module, String database,
            int httpPort, Path root) {
        Map<String, String> env = new LinkedHashMap<>();
        // MicroProfile Config reads a property from the variable named by its upper-cased, underscored name.
        infra.serviceConfig(database).forEach(
                (property, value) -> env.put(property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), value));
        env.put("QUARKUS_HTTP_PORT", String.valueOf(httpPort));
        env.put("QUARKUS_MAILER_FROM", MAIL_FROM);
        Path tenants = tenantsFile(root);
        if (Files.isRegularFile(tenants)) {
            env.put("QUARKUS_CONFIG_LOCATIONS", tenants.toAbsolutePath().normalize().toString());
        }
        return env;
    }

    public static Map<String, String> serviceEnv(LocalInfrastructure infra, ServiceSpec spec, Path root) {
        return serviceEnv(infra, spec.module(), spec.database(), spec.httpPort(), root);
    }

    /** Starts one service from its quarkus-run.jar with {@link #serviceEnv}; logs go to logDir/module.log. */
    public static ServiceProcess startService(LocalInfrastructure infra, ServiceSpec spec, Path root, Path logDir) {
        return startService(infra, spec, root, logDir, Map.of());
    }

    /** As {@link #startService(LocalInfrastructure, ServiceSpec, Path, Path)}, with more environment variables. */
    public static ServiceProcess startService(LocalInfrastructure infra, ServiceSpec spec, Path root, Path logDir,
            Map<String, String> extraEnv) {
        Map<String, String> env = new LinkedHashMap<>(serviceEnv(infra, spec, root));
        env.putAll(extraEnv);
        return ServiceProcess.start(spec.module(), quarkusRunJar(root, spec.module()), env, List.of(),
                logDir.resolve(spec.module() + ".log"));
    }

    /** Fails with one message naming every missing jar, before anything has been started. */
    public static void requireBuilt(Path root, List<ServiceSpec> services) {
        List<String> missing = services.stream().map(spec -> quarkusRunJar(root, spec.module()))
                .filter(jar -> !Files.isRegularFile(jar)).map(Path::toString).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Missing " + String.join(", ", missing)
                    + "\nThe services are not built: run ./mvnw package -DskipTests first.");
        }
    }

    /** Fixed ports (overridable through ORIKAESHI_*_PORT), data kept in root/.local/data between runs. */
    public static InfraSettings localSettings(Path root, Map<String, String> env) {
        return new InfraSettings(
                port(env, "ORIKAESHI_KAFKA_PORT", KAFKA_PORT),
                port(env, "ORIKAESHI_PG_PORT", POSTGRES_PORT),
                port(env, "ORIKAESHI_SMTP_PORT", SMTP_PORT),
                port(env, "ORIKAESHI_MAILBOX_PORT", MAILBOX_PORT),
                root.resolve(".local").resolve("data"),
                SERVICES.stream().map(ServiceSpec::database).toList(),
                Topics.all());
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
        }
    }

    public static void main(String[] args) throws InterruptedException {
        // Before anything touches java.util.logging: route JUL, SLF4J (Kafka, GreenMail) and log4j-api (Kafka)
        // into one backend, the one the services use too.
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        }
        Path root;
        try {
            root = rootArgument(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("Usage: java -jar local-infra/target/local-infra-runner.jar [--root <repository root>]");
            System.exit(2);
            return;
        }
        Running running = new Running();
        Thread hook = new Thread(running::stop, "local-system-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            running.start(root, System.getenv());
        } catch (RuntimeException e) {
            System.err.println();
            System.err.println("Local run failed: " + e.getMessage());
            // Causes as one line each: "Address already in use" is what a person needs, not a stack trace.
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                System.err.println("  caused by: " + cause);
            }
            Runtime.getRuntime().removeShutdownHook(hook);
            running.stop();
            System.exit(1);
        }
        new CountDownLatch(1).await();
    }

    private static Path rootArgument(String[] args) {
        Path root = Path.of("");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--root") && i + 1 < args.length) {
                root = Path.of(args[++i]);
            } else if (args[i].startsWith("--root=")) {
                root = Path.of(args[i].substring("--root=".length()));
            } else {
                throw new IllegalArgumentException("Unknown argument: " + args[i]);
            }
        }
        root = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("Not a directory: " + root);
        }
        return root;
    }

    /** What main has started, so the shutdown hook can stop it in reverse order. */
    private static final class Running {
        private final List<ServiceProcess> services = new ArrayList<>();
        private LocalInfrastructure infra;
        private volatile boolean stopping;

        void start(Path root, Map<String, String> env) {
            requireBuilt(root, SERVICES);
            InfraSettings settings = localSettings(root, env);
            Path logDir = root.resolve(".local").resolve("logs");
            System.out.println("Starting Kafka, PostgreSQL and SMTP (data in " + settings.dataDir() + ") ...");
            LocalInfrastructure started = LocalInfrastructure.start(settings);
            synchronized (this) {
                infra = started;
            }
            System.out.println("Starting " + SERVICES.size() + " services (logs in " + logDir + ") ...");
            // All at once: the JVMs boot in parallel, and the slowest one sets the pace anyway.
            List<ServiceProcess> launched = new ArrayList<>();
            for (ServiceSpec spec : SERVICES) {
                ServiceProcess process = startService(started, spec, root, logDir);
                launched.add(process);
                synchronized (this) {
                    services.add(process);
                }
                process.onExit().thenAccept(code -> {
                    if (!stopping) {
                        System.err.println("!! " + spec.module() + " exited with code " + code
                                + "; see " + process.logFile());
                    }
                });
            }
            // Each one reported as soon as it is ready, not in start order: that is the progress a person watches.
            long startedAt = System.nanoTime();
            List<CompletableFuture<Void>> ready = new ArrayList<>();
            for (int i = 0; i < SERVICES.size(); i++) {
                ServiceSpec spec = SERVICES.get(i);
                ServiceProcess process = launched.get(i);
                ready.add(CompletableFuture.runAsync(() -> {
                    process.awaitHealthy(spec.readinessUrl(), STARTUP_TIMEOUT);
                    System.out.printf("  %-22s ready after %d s (http://localhost:%d)%n", spec.module(),
                            Duration.ofNanos(System.nanoTime() - startedAt).toSeconds(), spec.httpPort());
                }));
            }
            try {
                CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
            System.out.println(banner(started, logDir));
        }

        void stop() {
            stopping = true;
            List<ServiceProcess> toStop;
            LocalInfrastructure toClose;
            synchronized (this) {
                toStop = List.copyOf(services);
                services.clear();
                toClose = infra;
                infra = null;
            }
            if (!toStop.isEmpty()) {
                System.out.println("Stopping services ...");
                // In parallel: each may take its full grace period, and they no longer need each other.
                CompletableFuture.allOf(toStop.stream()
                        .map(service -> CompletableFuture.runAsync(service::stop))
                        .toArray(CompletableFuture[]::new)).join();
            }
            if (toClose != null) {
                System.out.println("Stopping Kafka, PostgreSQL and SMTP ...");
                toClose.close();
                System.out.println("Stopped.");
            }
        }
    }

    static String banner(LocalInfrastructure infra, Path logDir) {
        InfraSettings s = infra.settings();
        String line = "=".repeat(78);
        StringBuilder b = new StringBuilder().append('\n').append(line).append('\n');
        b.append(" Orikaeshi is running locally\n\n");
        b.append(String.format(" Intake API     http://localhost:%d   (Swagger UI: http://localhost:%d/q/swagger-ui)%n",
                SERVICES.get(0).httpPort(), SERVICES.get(0).httpPort()));
        b.append(String.format(" Scheduler      http://localhost:%d%n", SERVICES.get(1).httpPort()));
        b.append(String.format(" Notification   http://localhost:%d%n", SERVICES.get(2).httpPort()));
        b.append(String.format(" Reporting      http://localhost:%d%n", SERVICES.get(3).httpPort()));
        b.append(String.format(
                " Mailbox        http://localhost:%d   (JSON: /api/user, /api/user/<address>/messages/)%n",
                s.mailboxHttpPort()));
        b.append(String.format(" Kafka          %s%n", infra.kafkaBootstrapServers()));
        b.append(String.format(" PostgreSQL     %s  (user %s, password %s)%n",
                infra.jdbcUrl("<db>"), infra.dbUsername(), infra.dbPassword()));
        b.append(String.format(" SMTP           127.0.0.1:%d%n", infra.smtpPort()));
        b.append(String.format(" Logs           %s%n", logDir));
        b.append('\n').append(
                " Try it: record a call for acme-jp with a callback due in two minutes, list the callbacks, read the mail\n");
        b.append(String.format(" curl -i http://localhost:%d/tenants/acme-jp/calls -H 'Authorization: Bearer %s'"
                + " -H 'Content-Type: application/json' -d '{\"addressee\": \"佐藤\","
                + " \"callerName\": {\"status\": \"PROVIDED\", \"value\": \"山田 太郎\"},"
                + " \"purpose\": {\"status\": \"PROVIDED\", \"value\": \"見積もりの件\"},"
                + " \"callbackNumber\": {\"status\": \"DECLINED\"},"
                + " \"callback\": {\"within\": \"PT2M\", \"assignee\": \"佐藤\"}}'%n",
                SERVICES.get(0).httpPort(), DemoKeys.ACME_OPERATOR));
        b.append(String.format(" curl http://localhost:%d/tenants/acme-jp/callbacks -H 'Authorization: Bearer %s'%n",
                SERVICES.get(3).httpPort(), DemoKeys.ACME_CLIENT));
        b.append(String.format(
                " curl http://localhost:%d/api/user/uketsuke@acme.example/messages/   (or open http://localhost:%d)%n",
                s.mailboxHttpPort(), s.mailboxHttpPort()));
        b.append('\n').append(" Ctrl-C stops everything.\n").append(line);
        return b.toString();
    }
}
