package io.orikaeshi.notification.bench;

import io.orikaeshi.infra.LocalInfrastructure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a report's time goes, per call, between instants the benchmark knows: its start (201 or publication), the
 * event's Kafka timestamp (when the producer created the record: intake's outbox relay, end to end), the mail row's
 * created_at in the ledger (consumed, rendered, about to commit) and the SMTP server's acceptance. Each stage is
 * printed as p50 / p99 / max over the calls that have every instant.
 */
final class StageSplit {

    private final Map<String, List<Instant>> instants = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    StageSplit(String firstName, Map<String, Instant> first) {
        names.add(firstName);
        first.forEach((call, at) -> instants.put(call, new ArrayList<>(List.of(at))));
    }

    /** Adds the next instant of each call; calls without it drop out of the split. */
    StageSplit then(String name, Map<String, Instant> next) {
        names.add(name);
        instants.entrySet().removeIf(e -> !next.containsKey(e.getKey()));
        instants.forEach((call, list) -> list.add(next.get(call)));
        return this;
    }

    /** created_at of each call's (first) mail row: when the consumer rendered it, inside its batch transaction. */
    static Map<String, Instant> queuedAt(LocalInfrastructure infra) throws Exception {
        Map<String, Instant> queued = new HashMap<>();
        try (Connection db = DriverManager.getConnection(infra.jdbcUrl("notification"), infra.dbUsername(),
                infra.dbPassword());
                Statement statement = db.createStatement();
                ResultSet rs = statement
                        .executeQuery("select call_id, min(created_at) from mail_message group by call_id")) {
            while (rs.next()) {
                queued.put(rs.getString(1), rs.getTimestamp(2).toInstant());
            }
        }
        return queued;
    }

    String render() {
        Map<String, double[]> stages = new LinkedHashMap<>();
        for (int s = 1; s < names.size(); s++) {
            double[] values = new double[instants.size()];
            int i = 0;
            for (List<Instant> list : instants.values()) {
                values[i++] = Duration.between(list.get(s - 1), list.get(s)).toNanos() / 1e6;
            }
            java.util.Arrays.sort(values);
            stages.put(names.get(s - 1) + " -> " + names.get(s), values);
        }
        StringBuilder out = new StringBuilder("| stage (" + instants.size() + " calls) | p50 ms | p99 ms | max ms |\n"
                + "|---|---:|---:|---:|\n");
        stages.forEach((name, v) -> out.append(String.format("| %s | %.1f | %.1f | %.1f |%n", name, pct(v, 0.50),
                pct(v, 0.99), v.length == 0 ? Double.NaN : v[v.length - 1])));
        return out.toString();
    }

    private static double pct(double[] sorted, double p) {
        return sorted.length == 0
                ? Double.NaN
                : sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
    }
}
