package io.orikaeshi.kit.deadletter;

import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** While no broker answers, every operation fails as "unavailable" (the API's 503) within the configured timeout. */
class DeadLetterTopicTest {

    private static final Duration TIMEOUT = Duration.ofMillis(800);

    @Test
    void anUnreachableBrokerIsReportedAsUnavailableWithinTheTimeout() throws Exception {
        DeadLetterTopic topic = new DeadLetterTopic(config(), "reporting-service", "127.0.0.1:" + closedPort());
        try {
            assertEquals("orikaeshi.dlq.reporting-service", topic.name());
            assertFailsQuickly(topic::newest);
            assertFailsQuickly(() -> topic.from(new DeadLetterId(0, 0)));
            assertFailsQuickly(() -> topic.resolve(new Resolution(new DeadLetterId(0, 0), Resolution.Action.DISCARDED,
                    "platform", "test", java.time.Instant.now())));
        } finally {
            topic.close();
        }
    }

    private static void assertFailsQuickly(Runnable operation) {
        long start = System.nanoTime();
        assertThrows(DeadLetterTopicUnavailable.class, operation::run);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(TIMEOUT.multipliedBy(4)) < 0, "took " + took);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static DeadLetterConfig config() {
        return new DeadLetterConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public int window() {
                return 100;
            }

            @Override
            public Duration kafkaTimeout() {
                return TIMEOUT;
            }

            @Override
            public Duration gaugeInterval() {
                return Duration.ofSeconds(30);
            }
        };
    }
}
