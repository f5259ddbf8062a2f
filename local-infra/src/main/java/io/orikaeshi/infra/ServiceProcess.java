package io.orikaeshi.infra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A Quarkus service (its quarkus-run.jar) running as its own OS process, as it would in production. */
public record ServiceProcess(String name, Process process, Path logFile) {

    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 40;

    /**
     * Runs {@code java -Xmx256m -XX:TieredStopAtLevel=1 <jvmArgs> -jar <quarkusRunJar>} with the JVM running this
     * code, so the services get the same Java version as the caller. stdout and stderr are appended to logFile.
     */
    public static ServiceProcess start(String name, Path quarkusRunJar, Map<String, String> env, List<String> jvmArgs,
            Path logFile) {
        if (!Files.isRegularFile(quarkusRunJar)) {
            throw new IllegalStateException(name + ": " + quarkusRunJar + " does not exist;"
                    + " run ./mvnw package -DskipTests first");
        }
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        // C1 only and a small heap: four services share 2 cores with the infrastructure.
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(quarkusRunJar.toAbsolutePath().toString());
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Files.writeString(logFile, "=== " + name + " starting at " + Instant.now() + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    // The jar's own directory: a config/application.properties in the caller's directory
                    // (which Quarkus would read) must not leak into every service.
                    .directory(quarkusRunJar.toAbsolutePath().getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(env);
            return new ServiceProcess(name, builder.start(), logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Completes with the exit code when the process ends, for whatever reason. */
    public CompletableFuture<Integer> onExit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /**
     * Polls healthUrl until it answers 200.
     *
     * @throws IllegalStateException at once if the process dies, or on timeout; both carry the end of the log
     */
    public void awaitHealthy(String healthUrl, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(healthUrl)).timeout(Duration.ofSeconds(5)).GET()
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastAnswer = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " before becoming healthy. Last lines of " + logFile + ":\n" + logTail());
            }
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                lastAnswer = "HTTP " + response.statusCode() + " " + response.body();
            } catch (IOException e) {
                lastAnswer = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, e);
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " not healthy at " + healthUrl + " within " + timeout
                + " (last: " + lastAnswer + "). Last lines of " + logFile + ":\n" + logTail());
    }

    /** SIGTERM (Quarkus shuts down gracefully on it), then SIGKILL if it takes longer than 10 s. */
    public void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * SIGKILL at once (what {@link Process#destroyForcibly()} sends on Linux), as a crash or the OOM killer would:
     * no shutdown hook runs, nothing is flushed or closed. Returns once the process is gone.
     */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " still runs " + GRACE + " after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while killing " + name, e);
        }
    }

    /** The last lines of the log, for error messages. */
    public String logTail() {
        Deque<String> tail = new ArrayDeque<>(LOG_TAIL_LINES);
        // Lenient decoding: a crash can leave half a multi-byte character at the end of the file.
        try (Stream<String> lines = new BufferedReader(new InputStreamReader(
                Files.newInputStream(logFile), StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)))
                .lines()) {
            lines.forEach(line -> {
                if (tail.size() == LOG_TAIL_LINES) {
                    tail.removeFirst();
                }
                tail.addLast(line);
            });
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
        return String.join("\n", tail);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
