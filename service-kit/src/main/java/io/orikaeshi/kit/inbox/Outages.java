package io.orikaeshi.kit.inbox;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.apache.kafka.common.errors.RetriableException;

import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Failures that say a dependency is unreachable, shutting down or not yet accepting connections, as opposed to a
 * failure of the work itself: PostgreSQL's SQLSTATE classes 08 (connection) and 57P (operator intervention), a
 * refused, reset or closed connection, a connect timeout, or a Kafka error the client itself calls retriable.
 */
public final class Outages {

    private Outages() {
    }

    /** The failure in the chain that is an outage, or null. */
    public static Throwable find(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof ClosedConnectionException
                    || t instanceof ConnectTimeoutException || t instanceof SocketException
                    || t instanceof SQLTransientConnectionException || t instanceof RetriableException) {
                return t;
            }
            if (t instanceof PgException pg && isOutageState(pg.getSqlState())) {
                return t;
            }
            if (t instanceof SQLException sql && isOutageState(sql.getSQLState())) {
                return t;
            }
        }
        return null;
    }

    private static boolean isOutageState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P"));
    }
}
