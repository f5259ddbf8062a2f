package io.orikaeshi.notification.bench;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** What both notification benchmarks need to start the services: a free port and the repository's root. */
final class BenchSupport {

    private BenchSupport() {
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("Run from inside the repository");
        }
        return dir;
    }
}
