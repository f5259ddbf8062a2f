package io.orikaeshi.reporting.repository;

import java.util.StringJoiner;

/**
 * One multi-row statement of a projection: the rows come in as parallel text arrays, unnested as columns c1..cn
 * (c1 is the conflict key) and cast where the SQL reads them, so a whole batch of one kind is a single round trip.
 * The rows are taken in key order so that concurrent writers lock rows in the same order.
 *
 * @param sql with {@code %s} where the unnested rows go
 */
public record Upsert(String table, String sql, int arity) {

    public static Upsert of(String table, int arity, String template) {
        StringJoiner arrays = new StringJoiner(", ", "unnest(", ")");
        StringJoiner names = new StringJoiner(", ", " as u(", ")");
        for (int i = 1; i <= arity; i++) {
            arrays.add("?::text[]");
            names.add("c" + i);
        }
        return new Upsert(table, template.formatted(arrays + names.toString() + " order by c1"), arity);
    }

    /** One row for this statement; {@code values[0]} is the key and every value is bound as text. */
    public RowChange row(Object... values) {
        if (values.length != arity) {
            throw new IllegalArgumentException(table + " takes " + arity + " values, not " + values.length);
        }
        return new RowChange(this, String.valueOf(values[0]), values);
    }
}
