package io.orikaeshi.system;

import io.orikaeshi.infra.LocalSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Kubernetes manifests under deploy/: every overlay renders with {@code kubectl kustomize} and every object
 * validates against its API schema (deploy/validate/validate.js, offline). On CI a missing kubectl or node fails;
 * elsewhere it skips with the reason.
 */
class ManifestsValidateTest {

    private static final Path ROOT = LocalSystem.repositoryRoot();
    private static final Path VALIDATE = ROOT.resolve("deploy").resolve("validate");

    @BeforeAll
    static void toolsAndDependencies() throws Exception {
        requireTool("kubectl", List.of("kubectl", "version", "--client"));
        requireTool("node", List.of("node", "--version"));
        if (!Files.isDirectory(VALIDATE.resolve("node_modules"))) {
            Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
            assertEquals(0, install.exitCode(), "npm ci in deploy/validate failed:\n" + install.output());
        }
    }

    @Test
    void everyOverlayRendersAndEveryObjectValidates() throws Exception {
        Result result = run(List.of("node", "validate.js"), 120);

        assertEquals(0, result.exitCode(), "deploy/validate/validate.js found problems:\n" + result.output());
        for (String overlay : List.of("overlays/dev", "overlays/prod")) {
            assertTrue(result.output().lines().anyMatch(line -> line.startsWith(overlay + ": ")
                    && line.contains("Deployment") && line.contains("ScaledObject")
                    && line.contains("KafkaTopic") && line.endsWith(", 0 problem(s)")),
                    overlay + " was not rendered and checked:\n" + result.output());
        }
    }

    @Test
    void brokenObjectsAreRejectedWithTheirNames() throws Exception {
        Path broken = Files.createTempFile("broken-manifests", ".yaml");
        try {
            Files.writeString(broken, """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: replicas-as-text
                    spec:
                      replicas: two
                      selector:
                        matchLabels: {app: x}
                      template:
                        spec:
                          containers:
                            - name: x
                    ---
                    apiVersion: keda.sh/v1alpha1
                    kind: ScaledObject
                    metadata:
                      name: lag-as-number
                    spec:
                      scaleTargetRef: {name: x}
                      triggers:
                        - type: kafka
                          metadata:
                            lagThreshold: 100
                    ---
                    apiVersion: kafka.strimzi.io/v1beta2
                    kind: KafkaTopic
                    metadata:
                      name: misspelt-partitions
                      labels: {strimzi.io/cluster: orikaeshi}
                    spec:
                      partition: 12
                      replicas: 3
                    """, StandardCharsets.UTF_8);

            Result result = run(List.of("node", "validate.js", "--file", broken.toString()), 60);

            assertEquals(1, result.exitCode(), result.output());
            assertTrue(
                    result.output().contains("INVALID Deployment/replicas-as-text: data/spec/replicas must be integer"),
                    result.output());
            assertTrue(result.output().contains("INVALID ScaledObject/lag-as-number"), result.output());
            assertTrue(result.output().contains("INVALID KafkaTopic/misspelt-partitions"), result.output());
        } finally {
            Files.deleteIfExists(broken);
        }
    }

    private static void requireTool(String name, List<String> probe) {
        boolean present;
        try {
            present = run(probe, 30).exitCode() == 0;
        } catch (IOException | InterruptedException e) {
            present = false;
        }
        if (!present && System.getenv("CI") != null) {
            fail(name + " is required to check deploy/ and is missing on CI: .ci/run installs it");
        }
        assumeTrue(present, name + " is not installed: the manifests cannot be rendered and validated here");
    }

    private static Result run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("manifests", ".log");
        try {
            Process process = new ProcessBuilder(command).directory(VALIDATE.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private record Result(int exitCode, String output) {
    }
}
