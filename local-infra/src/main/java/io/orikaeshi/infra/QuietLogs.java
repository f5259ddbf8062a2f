package io.orikaeshi.infra;

import org.apache.kafka.common.errors.NotControllerException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns the embedded servers down to WARN. They log through SLF4J and log4j-api, which end in JBoss LogManager in
 * every JVM we run in (Quarkus tests, the launcher). Levels are set through JUL and, in case JUL was initialised
 * before JBoss LogManager could take it over (surefire sets the system property late), on the JBoss log context
 * too. A Quarkus service that wants a Kafka client category at INFO can still say so in its own configuration.
 */
final class QuietLogs {

    private static final Map<String, Level> LEVELS = Map.of(
            "kafka", Level.WARNING,
            "state.change.logger", Level.WARNING,
            "org.apache.kafka", Level.WARNING,
            "io.zonky", Level.WARNING,
            "com.icegreen", Level.WARNING,
            // Warns on every fresh data dir ("the metadata log appears to be empty"): every test run.
            "org.apache.kafka.controller.QuorumController", Level.SEVERE);

    /**
     * Messages a restart of the single-node broker always produces and that mean nothing here: the broker asks to
     * register before its own controller has become active again (retried), and shutdown closes a client twice.
     */
    private static final Map<String, Filter> BENIGN = Map.of(
            "kafka.server.ControllerApis", record -> !causedBy(record.getThrown(), NotControllerException.class),
            "org.apache.kafka.clients.NetworkClient", record -> !String.valueOf(record.getMessage())
                    .contains("Attempting to close NetworkClient that has already been closed"));

    /** JUL holds loggers weakly; keeping them here keeps their levels and filters. */
    private static final List<Logger> HELD = new ArrayList<>();

    private QuietLogs() {
    }

    static synchronized void apply() {
        if (!HELD.isEmpty()) {
            return;
        }
        // SLF4J initialises lazily; if two threads (Kafka, PostgreSQL) race into it, early messages are dropped
        // with a warning. Initialise it here, on one thread.
        org.slf4j.LoggerFactory.getILoggerFactory();
        List<String> names = new ArrayList<>(LEVELS.keySet());
        names.addAll(BENIGN.keySet());
        names.forEach(name -> HELD.add(Logger.getLogger(name)));
        if (jbossLogManagerPresent()) {
            names.forEach(name -> HELD.add(JBoss.logger(name)));
        }
        for (Logger logger : HELD) {
            Level level = LEVELS.get(logger.getName());
            if (level != null) {
                logger.setLevel(level);
            }
            Filter filter = BENIGN.get(logger.getName());
            if (filter != null) {
                logger.setFilter(filter);
            }
        }
    }

    private static boolean causedBy(Throwable thrown, Class<? extends Throwable> type) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean jbossLogManagerPresent() {
        try {
            Class.forName("org.jboss.logmanager.LogContext", false, QuietLogs.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Separate class, so JVMs without JBoss LogManager never load a reference to it. */
    private static final class JBoss {
        static Logger logger(String name) {
            return org.jboss.logmanager.LogContext.getLogContext().getLogger(name);
        }
    }
}
