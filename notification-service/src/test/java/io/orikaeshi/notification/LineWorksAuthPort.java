package io.orikaeshi.notification;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Points {@code orikaeshi.line-works.auth-url} at a free local port, on which the LINE WORKS test starts its auth
 * server: the setting is read when the application starts, before any test class could start a server itself.
 */
public class LineWorksAuthPort implements QuarkusTestResourceLifecycleManager {

    static final String AUTH_URL = "orikaeshi.line-works.auth-url";

    @Override
    public Map<String, String> start() {
        try (ServerSocket free = new ServerSocket(0)) {
            return Map.of(AUTH_URL, "http://127.0.0.1:" + free.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }
}
