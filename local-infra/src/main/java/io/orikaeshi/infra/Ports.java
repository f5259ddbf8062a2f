package io.orikaeshi.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Resolves "port 0" to a concrete port up front, because a restarted broker must come back on the same one; also
 * where tests and benchmarks take a free port for a service process.
 */
public final class Ports {

    private Ports() {
    }

    static int orFree(int port) {
        return port != 0 ? port : free();
    }

    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on the loopback interface", e);
        }
    }
}
