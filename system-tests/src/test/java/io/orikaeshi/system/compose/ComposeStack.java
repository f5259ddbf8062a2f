package io.orikaeshi.system.compose;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.api.model.Frame;
import io.orikaeshi.infra.LocalSystem;
import io.orikaeshi.infra.Ports;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.DockerComposeContainer;
import org.testcontainers.lifecycle.Startable;
import org.testcontainers.utility.CommandLine;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The repository's docker-compose.yml, brought up through Testcontainers' compose support (the local
 * {@code docker-compose}, or {@code docker compose} where only Compose v2 exists), with the images built from the
 * freshly packaged target/quarkus-app of each service. A {@link Variant} names the override files used beside it and
 * the replicas per service: {@link Variant#SCALED} (notification-service and callback-scheduler scaled out, so those
 * tests run against competing replicas) or {@link Variant#KAFKA_CLUSTER} (three Kafka nodes, one replica each).
 * Each variant is started once per test JVM, and only one runs at a time: the build machine's cores would not carry
 * two systems at once, so asking for another variant takes the running one down first.
 *
 * <p>Without a Docker engine or a compose CLI the tests using it are skipped with the reason, unless
 * {@code ORIKAESHI_REQUIRE_DOCKER=1} (set by CI) makes that a failure.
 */
final class ComposeStack {

    /** Override files (relative to the repository root) used with docker-compose.yml, and replicas per service. */
    record Variant(String name, List<String> overrides, Map<String, Integer> replicas) {

        /** docker-compose.yml as it is, with competing notification-service and callback-scheduler replicas. */
        static final Variant SCALED = new Variant("scaled", List.of(),
                Map.of("notification-service", NOTIFICATION_REPLICAS, "callback-scheduler", SCHEDULER_REPLICAS));
        /** Kafka as three nodes (deploy/compose/kafka-cluster.yml), one replica of each service. */
        static final Variant KAFKA_CLUSTER = new Variant("kafka-cluster", List.of("deploy/compose/kafka-cluster.yml"),
                Map.of());
    }

    static final Path ROOT = LocalSystem.repositoryRoot();
    static final int NOTIFICATION_REPLICAS = 3;
    static final int SCHEDULER_REPLICAS = 2;
    static final List<String> SERVICES = LocalSystem.SERVICES.stream().map(LocalSystem.ServiceSpec::module).toList();

    private static final Duration HEALTHY_WITHIN = Duration.ofMinutes(8);
    private static final int HTTP_PORT = 8080;
    private static ComposeStack running;
    /** A failed start is not retried by the next test class: it would fail the same way, minutes later. */
    private static final Map<Variant, RuntimeException> startFailures = new LinkedHashMap<>();

    private final Variant variant;
    private final Startable compose;
    private final String projectPrefix;
    private final int mailboxPort;
    private final DockerClient docker;
    private boolean stopped;

    private ComposeStack(Variant variant, Startable compose, String projectPrefix, int mailboxPort) {
        this.variant = variant;
        this.compose = compose;
        this.projectPrefix = projectPrefix;
        this.mailboxPort = mailboxPort;
        this.docker = DockerClientFactory.instance().client();
    }

    /** The scaled stack; starts it on first use. Skips (or fails, on CI) the calling test without Docker. */
    static ComposeStack get() {
        return get(Variant.SCALED);
    }

    /** The running stack of this variant; starts it (after taking down another one) on first use. */
    static synchronized ComposeStack get(Variant variant) {
        requireDocker();
        RuntimeException failure = startFailures.get(variant);
        if (failure != null) {
            throw new IllegalStateException(
                    "The compose stack " + variant.name() + " did not start (see the first failure)",
                    failure);
        }
        if (running != null && !running.variant.equals(variant)) {
            running.stop();
            running = null;
        }
        if (running == null) {
            try {
                running = start(variant);
            } catch (RuntimeException e) {
                startFailures.put(variant, e);
                throw e;
            }
            ComposeStack stack = running;
            Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "compose-stack-down"));
        }
        return running;
    }

    private static void requireDocker() {
        String missing = missingTool();
        if (missing == null) {
            return;
        }
        if ("1".equals(System.getenv("ORIKAESHI_REQUIRE_DOCKER"))) {
            Assertions.fail("ORIKAESHI_REQUIRE_DOCKER=1, but " + missing);
        }
        Assumptions.abort("Skipped: " + missing + " (set ORIKAESHI_REQUIRE_DOCKER=1 to make this a failure)");
    }

    static String missingTool() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return "no Docker engine is reachable";
        }
        if (!CommandLine.executableExists("docker-compose") && !composeV2Available()) {
            return "neither docker-compose nor the docker compose plugin is installed";
        }
        return null;
    }

    private static boolean composeV2Available() {
        if (!CommandLine.executableExists("docker")) {
            return false;
        }
        try {
            Process process = new ProcessBuilder("docker", "compose", "version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static ComposeStack start(Variant variant) {
        LocalSystem.requireBuilt(ROOT, LocalSystem.SERVICES);
        List<File> files = new ArrayList<>();
        files.add(ROOT.resolve("docker-compose.yml").toFile());
        variant.overrides().forEach(override -> files.add(ROOT.resolve(override).toFile()));
        // Lower case: Compose project names must be. Testcontainers appends random characters.
        String identifier = "oksys" + Long.toString(System.currentTimeMillis(), 36);
        int mailboxPort = Ports.free();
        Map<String, String> env = new LinkedHashMap<>();
        // Free host ports for the mail catcher, so a local run or another stack on the defaults does not collide.
        env.put("ORIKAESHI_MAILBOX_PORT", String.valueOf(mailboxPort));
        env.put("ORIKAESHI_SMTP_PORT", String.valueOf(Ports.free()));
        env.put("ORIKAESHI_IMAP_PORT", String.valueOf(Ports.free()));
        env.put("ORIKAESHI_TAG", "system-test");
        // Seven JVMs and the infrastructure share the build machine's cores: C1 only, as in the process-based test.
        env.put("ORIKAESHI_JAVA_OPTS", "-XX:TieredStopAtLevel=1");
        Startable compose;
        if (CommandLine.executableExists("docker-compose")) {
            DockerComposeContainer<?> v1 = new DockerComposeContainer<>(identifier, files)
                    // Named explicitly: with scaled services and no list, only the scaled ones would come up.
                    .withServices(SERVICES.toArray(String[]::new))
                    .withBuild(true)
                    .withPull(false)
                    .withEnv(env)
                    .withRemoveVolumes(true);
            variant.replicas().forEach(v1::withScaledService);
            compose = v1;
        } else {
            ComposeContainer v2 = new ComposeContainer(identifier, files)
                    // Named explicitly: with scaled services and no list, only the scaled ones would come up.
                    .withServices(SERVICES.toArray(String[]::new))
                    .withBuild(true)
                    .withPull(false)
                    .withEnv(env)
                    .withRemoveVolumes(true);
            variant.replicas().forEach(v2::withScaledService);
            compose = v2;
        }
        long started = System.nanoTime();
        compose.start();
        ComposeStack stack = new ComposeStack(variant, compose, identifier, mailboxPort);
        try {
            stack.awaitHealthy();
        } catch (RuntimeException | AssertionError e) {
            stack.stop();
            throw e;
        }
        System.out.printf("Compose stack %s (%s) up and healthy in %d s%n", identifier, variant.name(),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        return stack;
    }

    /** Base URL of replica 1 of a service, through the host port Docker picked for its 8080. */
    String url(String service) {
        Container container = replicas(service).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("no container of " + service + " in this stack"));
        int port = Arrays.stream(container.getPorts())
                .filter(p -> p.getPrivatePort() != null && p.getPrivatePort() == HTTP_PORT && p.getPublicPort() != null)
                .map(ContainerPort::getPublicPort).findFirst()
                .orElseThrow(() -> new IllegalStateException(service + " publishes no host port for " + HTTP_PORT));
        return "http://" + DockerClientFactory.instance().dockerHostIpAddress() + ":" + port;
    }

    String mailboxUrl() {
        return "http://" + DockerClientFactory.instance().dockerHostIpAddress() + ":" + mailboxPort;
    }

    /** This stack's containers of one compose service, running or not, by replica number. */
    List<Container> replicas(String service) {
        return containers().stream()
                .filter(c -> service.equals(c.getLabels().get("com.docker.compose.service")))
                .sorted(Comparator.comparingInt(c -> Integer.parseInt(
                        c.getLabels().getOrDefault("com.docker.compose.container-number", "0"))))
                .toList();
    }

    DockerClient docker() {
        return docker;
    }

    /** Runs a command in a container of this stack; its output (stdout and stderr), or a failure on a non-zero exit. */
    String exec(Container container, Duration timeout, String... command) {
        String id = docker.execCreateCmd(container.getId()).withAttachStdout(true).withAttachStderr(true)
                .withCmd(command).exec().getId();
        StringBuilder output = new StringBuilder();
        try {
            boolean done = docker.execStartCmd(id).exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    output.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
            }).awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                throw new IllegalStateException("Not done within " + timeout + ": " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
        Long exit = docker.inspectExecCmd(id).exec().getExitCodeLong();
        if (exit == null || exit != 0) {
            throw new IllegalStateException("Exit " + exit + " from " + String.join(" ", command) + ":\n" + output);
        }
        return output.toString();
    }

    private List<Container> containers() {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of("com.docker.compose.project")).exec().stream()
                .filter(c -> Objects.toString(c.getLabels().get("com.docker.compose.project"), "")
                        .startsWith(projectPrefix))
                .toList();
    }

    /** Until every container with a health check reports healthy (compose 1.29 `up` does not wait for the last ones). */
    void awaitHealthy() {
        long deadline = System.nanoTime() + HEALTHY_WITHIN.toNanos();
        String waitingFor = "";
        while (System.nanoTime() < deadline) {
            List<String> unhealthy = containers().stream()
                    .map(c -> docker.inspectContainerCmd(c.getId()).exec())
                    .filter(c -> c.getState().getHealth() != null
                            && !"healthy".equals(c.getState().getHealth().getStatus()))
                    .map(InspectContainerResponse::getName).toList();
            if (unhealthy.isEmpty()) {
                return;
            }
            waitingFor = String.join(", ", unhealthy);
            sleep(1000);
        }
        throw new IllegalStateException("Not healthy within " + HEALTHY_WITHIN + ": " + waitingFor
                + " (container logs in " + logDir() + ")");
    }

    private Path logDir() {
        return ROOT.resolve("system-tests").resolve("target").resolve("compose-logs");
    }

    /** Saves every container's log under system-tests/target/compose-logs, then takes the stack down (once). */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            saveLogs();
        } catch (RuntimeException e) {
            System.err.println("Could not save container logs: " + e);
        }
        compose.stop();
    }

    private void saveLogs() {
        Path dir = logDir();
        try {
            Files.createDirectories(dir);
            for (Container container : containers()) {
                saveLog(dir, container);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void saveLog(Path dir, Container container) {
        try {
            StringBuilder log = new StringBuilder();
            docker.logContainerCmd(container.getId()).withStdOut(true).withStdErr(true)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            log.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    }).awaitCompletion(30, TimeUnit.SECONDS);
            String name = container.getNames()[0].replaceFirst("^/", "");
            Files.writeString(dir.resolve(name + ".log"), log, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not save the log of " + Arrays.toString(container.getNames()) + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
