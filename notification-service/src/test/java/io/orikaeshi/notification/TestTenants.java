package io.orikaeshi.notification;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Tenants only the delivery-rule tests use, so the demo tenants keep their behaviour: a quiet-hours tenant whose
 * calendar closes for 20 s and opens for 10 s every 30 s (UTC, every day), a tenant limited to 3 emails per 6 s,
 * and a digest tenant.
 */
public class TestTenants implements QuarkusTestResourceLifecycleManager {

    static final String QUIET = "quiet-test";
    static final String LIMITED = "limited-test";
    static final String DIGEST = "digest-test";
    static final int CYCLE_SECONDS = 30;
    static final int CLOSED_SECONDS = 20;
    static final int LIMIT = 3;
    static final int LIMIT_WINDOW_SECONDS = 6;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new LinkedHashMap<>();
        tenant(config, QUIET, "en", "quiet@test.example");
        config.put("orikaeshi.tenants." + QUIET + ".calendar.opening-hours", "MON-SUN " + flickeringHours());
        config.put("orikaeshi.tenants." + QUIET + ".notifications.quiet-hours", "true");
        tenant(config, LIMITED, "en", "limited@test.example");
        config.put("orikaeshi.tenants." + LIMITED + ".notifications.sending-limit", String.valueOf(LIMIT));
        config.put("orikaeshi.tenants." + LIMITED + ".notifications.sending-window", LIMIT_WINDOW_SECONDS + "s");
        tenant(config, DIGEST, "ja", "digest@test.example");
        config.put("orikaeshi.tenants." + DIGEST + ".notifications.digest-at", "00:00");
        return config;
    }

    private static void tenant(Map<String, String> config, String id, String locale, String recipient) {
        String prefix = "orikaeshi.tenants." + id + ".";
        config.put(prefix + "name", id);
        config.put(prefix + "locale", locale);
        config.put(prefix + "time-zone", "UTC");
        config.put(prefix + "calendar.holidays", "NONE");
        config.put(prefix + "report-recipients", recipient);
    }

    /** Open the last 10 s of every 30 s, all day. */
    private static String flickeringHours() {
        StringJoiner periods = new StringJoiner(",");
        for (int start = 0; start < 24 * 3600; start += CYCLE_SECONDS) {
            LocalTime open = LocalTime.ofSecondOfDay(start + CLOSED_SECONDS);
            int end = start + CYCLE_SECONDS;
            periods.add(hms(open) + "-"
                    + (end == 24 * 3600 ? "24:00" : hms(LocalTime.ofSecondOfDay(end))));
        }
        return periods.toString();
    }

    private static String hms(LocalTime time) {
        return String.format("%02d:%02d:%02d", time.getHour(), time.getMinute(), time.getSecond());
    }

    @Override
    public void stop() {
    }
}
