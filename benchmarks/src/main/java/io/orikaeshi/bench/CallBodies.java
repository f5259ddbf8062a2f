package io.orikaeshi.bench;

import java.time.Duration;
import java.time.Instant;

/** The call the benchmarks post: every item provided, a callback promised in two hours, a number per call. */
public final class CallBodies {

    private CallBodies() {
    }

    /** @param n makes the callback number, so consecutive calls come from different callers */
    public static String call(long n, String purpose) {
        String number = String.format("03-%04d-%04d", 1000 + (n / 10_000) % 9000, n % 10_000);
        return """
                {"addressee": "佐藤", "callerName": {"status": "PROVIDED", "value": "山田 太郎"},
                 "purpose": {"status": "PROVIDED", "value": "%s"},
                 "callbackNumber": {"status": "PROVIDED", "value": "%s"},
                 "callback": {"dueAt": "%s", "assignee": "佐藤"}}
                """.formatted(purpose, number, Instant.now().plus(Duration.ofHours(2)).toString());
    }
}
