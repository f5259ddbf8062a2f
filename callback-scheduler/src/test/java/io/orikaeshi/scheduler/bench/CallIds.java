package io.orikaeshi.scheduler.bench;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * How the benchmark mints call ids (and db-scheduler's task instance ids, the same ones). {@link #V7} is what intake
 * mints: UUIDv7, a 48-bit millisecond time prefix that grows with insertion time, so every index keyed by call id
 * is appended to at its right end. {@link #RANDOM} (v4) is kept to show what that changes at a large table size.
 */
enum CallIds {
    V7, RANDOM;

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    /**
     * A UUIDv7 made by the server for the bulk fill, with the same ordering as {@link #next()}: the time prefix is
     * the insertion time of the row (clock_timestamp, not the statement's start), the rest is a v4's random bits
     * with the version nibble turned from 4 (0100) to 7 (0111); the variant bits of a v4 are already those of a v7.
     * PostgreSQL 17 has no uuidv7() (18 has); a function, not an inline subquery, so that it runs once per row.
     */
    private static final String CREATE_SQL_V7 = """
            create or replace function bench_uuid_v7() returns text language sql volatile as $$
              select encode(set_byte(b, 6, get_byte(b, 6) | 48), 'hex')::uuid::text
              from (select overlay(uuid_send(gen_random_uuid())
                           placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint)
                                             from 3)
                           from 1 for 6) as b) as random_with_time
            $$""";

    static CallIds parse(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    String next() {
        return this == V7 ? GENERATOR.generate().toString() : UUID.randomUUID().toString();
    }

    /** The SQL expression of a fresh id, for INSERT ... SELECT; {@link #install} must have run on the database. */
    String sql() {
        return this == V7 ? "bench_uuid_v7()" : "gen_random_uuid()::text";
    }

    static void install(DataSource dataSource) throws SQLException {
        try (Connection db = dataSource.getConnection(); Statement sql = db.createStatement()) {
            sql.execute(CREATE_SQL_V7);
        }
    }
}
