package io.orikaeshi.kit.sql;

import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.List;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * Many rows of one table written with a single INSERT through the Hibernate Reactive session, in its transaction.
 * Where a batch writes dozens of rows, one statement per row would spend most of the database time on round trips:
 * on a busy machine every round trip waits for PostgreSQL to be scheduled.
 *
 * @param values a row's values, in the order of {@code columns}
 */
public record MultiRowInsert<T>(String table, List<String> columns, Function<T, Object[]> values) {

    public Uni<Void> execute(Mutiny.Session session, List<T> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        var insert = session.createNativeQuery(sql(rows.size()));
        int position = 1;
        for (T row : rows) {
            Object[] rowValues = values.apply(row);
            if (rowValues.length != columns.size()) {
                throw new IllegalArgumentException(table + " takes " + columns.size() + " values, not "
                        + rowValues.length);
            }
            for (Object value : rowValues) {
                insert.setParameter(position++, value);
            }
        }
        return insert.executeUpdate().replaceWithVoid();
    }

    /** {@code insert into t (a, b) values (?1, ?2), (?3, ?4)} for two rows of two columns. */
    String sql(int rows) {
        StringJoiner all = new StringJoiner(", ",
                "insert into " + table + " (" + String.join(", ", columns) + ") values ", "");
        int position = 1;
        for (int i = 0; i < rows; i++) {
            StringJoiner row = new StringJoiner(", ", "(", ")");
            for (int c = 0; c < columns.size(); c++) {
                row.add("?" + position++);
            }
            all.add(row.toString());
        }
        return all.toString();
    }
}
