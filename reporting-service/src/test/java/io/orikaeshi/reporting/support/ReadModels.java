package io.orikaeshi.reporting.support;

import io.agroal.api.AgroalDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The read models of a schema as text, to compare two of them. */
public final class ReadModels {

    private ReadModels() {
    }

    /** Every row of the read models, every column, in a stable order; the ledger's processing times are left out. */
    public static List<String> snapshot(AgroalDataSource dataSource, String schema) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String sql : List.of("select * from " + schema + ".call_log order by call_id",
                    "select * from " + schema + ".delivery_event order by event_id",
                    "select * from " + schema + ".message_log order by message_id",
                    "select event_id, event_type from " + schema + ".processed_event order by event_id")) {
                try (ResultSet r = s.executeQuery(sql)) {
                    int columns = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            row.append(r.getMetaData().getColumnName(i)).append('=').append(r.getString(i)).append(' ');
                        }
                        rows.add(row.toString());
                    }
                }
            }
        }
        return rows;
    }

    public static String value(AgroalDataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : null;
        }
    }

    public static void execute(AgroalDataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
