package io.orikaeshi.infra.testing;

import io.orikaeshi.infra.InfraSettings;
import io.orikaeshi.infra.LocalInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Real Kafka, PostgreSQL and SMTP for a service's {@code @QuarkusTest}s. Declare it once, on one holder class:
 * <pre>
 * &#64;QuarkusTestResource(value = InfraTestResource.class, initArgs = &#64;ResourceArg(name = "database", value = "intake"))
 * public class WithInfra {}
 * </pre>
 * One infrastructure is shared by every test class of the JVM; it is closed when Quarkus stops the last resource
 * instance using it. Tests reach it through {@link #infra()}.
 */
public class InfraTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE_ARG = "database";

    private static LocalInfrastructure shared;
    private static int users;

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get(DATABASE_ARG);
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs the init arg '" + DATABASE_ARG
                    + "' (the service's database name)");
        }
    }

    @Override
    public Map<String, String> start() {
        LocalInfrastructure infra = acquire(database);
        Map<String, String> config = new LinkedHashMap<>(quarkusConfig(infra, database));
        config.putAll(tenantsConfig());
        return config;
    }

    @Override
    public void stop() {
        release();
    }

    /** The running infrastructure; only valid between the resource's start and stop. */
    public static synchronized LocalInfrastructure infra() {
        if (shared == null) {
            throw new IllegalStateException("No infrastructure running: is " + InfraTestResource.class.getSimpleName()
                    + " declared with @QuarkusTestResource on a class of this test module?");
        }
        return shared;
    }

    /** The configuration a service needs to use the given infrastructure, Dev Services off. */
    public static Map<String, String> quarkusConfig(LocalInfrastructure infra, String database) {
        Map<String, String> config = new LinkedHashMap<>(infra.serviceConfig(database));
        // In %test the mailer is a mock unless told otherwise; we want the mail on the wire.
        config.put("quarkus.mailer.mock", "false");
        config.put("quarkus.devservices.enabled", "false");
        config.put("quarkus.kafka.devservices.enabled", "false");
        config.put("quarkus.datasource.devservices.enabled", "false");
        return config;
    }

    private static synchronized LocalInfrastructure acquire(String database) {
        if (shared == null) {
            shared = LocalInfrastructure.start(InfraSettings.forTests(List.of(database)));
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(InfraTestResource::closeAtExit, "infra-test-resource-exit"));
        } else {
            // Another resource set in the same JVM (e.g. a test profile) may name another database.
            shared.createDatabase(database);
        }
        users++;
        return shared;
    }

    private static synchronized void release() {
        if (users > 0 && --users == 0 && shared != null) {
            shared.close();
            shared = null;
        }
    }

    /** Safety net when a test run is aborted before Quarkus stops its resources: the postmaster must not linger. */
    private static synchronized void closeAtExit() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    /**
     * config/tenants.properties of the repository (found by walking up to the directory holding mvnw), so the tests
     * see the same demo tenants as the local run. Read as UTF-8, like Quarkus reads properties files.
     */
    static Map<String, String> tenantsConfig() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        Map<String, String> config = new LinkedHashMap<>();
        if (dir == null) {
            return config;
        }
        Path tenants = dir.resolve("config").resolve("tenants.properties");
        if (!Files.isRegularFile(tenants)) {
            return config;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(tenants, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + tenants, e);
        }
        properties.stringPropertyNames().forEach(name -> config.put(name, properties.getProperty(name)));
        return config;
    }
}
