package io.orikaeshi.scheduler.bench;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a phase cost PostgreSQL, per relation: buffer reads (blocks not in shared buffers, fetched from the OS) and
 * hits, with each relation's size; and the WAL written, full-page images included (the first change of a page after
 * a checkpoint logs the whole 8 KB page). Taken before and after a fill, it shows which index an insert misses in.
 * The inserting sessions flush their statistics when they finish (pg_stat_force_next_flush), else they lag.
 */
record IoStats(Map<String, long[]> relations, long walBytes, long walFpi, long checkpoints) {

    private static final String RELATIONS = """
            select indexrelname, idx_blks_read, idx_blks_hit, pg_relation_size(indexrelid) from pg_statio_user_indexes
            union all
            select relname || ' (heap)', heap_blks_read, heap_blks_hit, pg_relation_size(relid) from pg_statio_user_tables
            """;

    static IoStats take(DataSource dataSource) throws SQLException {
        Map<String, long[]> relations = new LinkedHashMap<>();
        try (Connection db = dataSource.getConnection(); Statement sql = db.createStatement()) {
            try (ResultSet rows = sql.executeQuery(RELATIONS)) {
                while (rows.next()) {
                    relations.put(rows.getString(1), new long[]{rows.getLong(2), rows.getLong(3), rows.getLong(4)});
                }
            }
            long walBytes;
            long walFpi;
            try (ResultSet row = sql.executeQuery("select wal_bytes, wal_fpi from pg_stat_wal")) {
                row.next();
                walBytes = row.getLong(1);
                walFpi = row.getLong(2);
            }
            try (ResultSet row = sql.executeQuery("select num_timed + num_requested from pg_stat_checkpointer")) {
                row.next();
                return new IoStats(relations, walBytes, walFpi, row.getLong(1));
            }
        }
    }

    /** The server settings that decide whether the indexes fit in memory, for the log. */
    static String settings(DataSource dataSource) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection db = dataSource.getConnection();
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("select name, setting, unit from pg_settings where name in "
                        + "('shared_buffers', 'max_wal_size', 'checkpoint_timeout', 'full_page_writes', 'fsync', "
                        + "'synchronous_commit', 'server_version') order by name")) {
            while (rows.next()) {
                out.append(rows.getString(1)).append('=').append(rows.getString(2))
                        .append(rows.getString(3) == null ? "" : " " + rows.getString(3)).append("  ");
            }
        }
        return out.toString().trim();
    }

    /** Per relation touched since {@code before}: size, blocks read and hit per 1,000 timers; WAL per timer. */
    String since(IoStats before, long timers) {
        StringBuilder out = new StringBuilder();
        double per = timers / 1000.0;
        relations.forEach((name, now) -> {
            long[] then = before.relations().getOrDefault(name, new long[3]);
            long read = now[0] - then[0];
            long hit = now[1] - then[1];
            if (read + hit > 0) {
                out.append(String.format(Locale.ROOT, "%n    %-32s %7.1f MB  read %8.1f  hit %8.1f  per 1,000 timers",
                        name, now[2] / 1048576.0, read / per, hit / per));
            }
        });
        out.append(
                String.format(Locale.ROOT, "%n    WAL %.0f bytes and %.2f full-page images per timer, %d checkpoints",
                        (walBytes - before.walBytes()) / (double) timers, (walFpi - before.walFpi()) / (double) timers,
                        checkpoints - before.checkpoints()));
        return out.toString();
    }

    /** Run on an inserting session before it lets go of its connection, so that {@link #take} sees its work. */
    static void flush(Connection db) throws SQLException {
        try (Statement sql = db.createStatement()) {
            sql.execute("select pg_stat_force_next_flush()");
        }
        if (!db.getAutoCommit()) {
            db.commit();
        }
    }
}
