package io.orikaeshi.kit.problem;

import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Which failures are a database outage (503, retry) rather than an internal error (500). */
class ProblemMappersTest {

    @Test
    void refusedConnectionDeepInTheChainIsAnOutage() {
        ConnectException refused = new ConnectException("Connection refused: localhost/127.0.0.1:5432");
        Exception wrapped = new IllegalStateException("session", new CompletionException(refused));

        assertSame(refused, ProblemMappers.outage(wrapped));
    }

    @Test
    void serverShuttingDownOrStartingIsAnOutage() {
        PgException shutdown = new PgException("terminating connection due to administrator command", "FATAL",
                "57P01", null);
        PgException starting = new PgException("the database system is starting up", "FATAL", "57P03", null);

        assertSame(shutdown, ProblemMappers.outage(new RuntimeException(shutdown)));
        assertSame(starting, ProblemMappers.outage(starting));
    }

    @Test
    void constraintViolationAndBugsAreNotOutages() {
        PgException unique = new PgException("duplicate key value violates unique constraint", "ERROR", "23505",
                null);

        assertNull(ProblemMappers.outage(new RuntimeException(unique)));
        assertNull(ProblemMappers.outage(new NullPointerException()));
    }
}
