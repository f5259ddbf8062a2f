package io.orikaeshi.notification.channel;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The HTTP reading of an answer that every {@link ChatApi} starts from. */
public final class Verdicts {

    private Verdicts() {
    }

    public static Verdict http(int status, Map<String, String> headers, String body) {
        if (status >= 200 && status < 300) {
            return new Verdict.Delivered();
        }
        String reason = "HTTP " + status + (body == null || body.isBlank() ? "" : ": " + abbreviate(body));
        if (status == 429 || status == 408 || status >= 500) {
            return new Verdict.Retry(retryAfter(headers), reason);
        }
        return new Verdict.Refused(reason);
    }

    /** Retry-After as seconds or as an HTTP date (RFC 9110 §10.2.3); headers are matched without case. */
    public static Optional<Duration> retryAfter(Map<String, String> headers) {
        Optional<String> value = headers.entrySet().stream()
                .filter(h -> h.getKey().toLowerCase(Locale.ROOT).equals("retry-after"))
                .map(Map.Entry::getValue).findFirst().map(String::strip);
        return value.flatMap(v -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
            } catch (NumberFormatException notSeconds) {
                try {
                    Duration until = Duration.between(ZonedDateTime.now(),
                            ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
                    return Optional.of(until.isNegative() ? Duration.ZERO : until);
                } catch (DateTimeParseException notDate) {
                    return Optional.empty();
                }
            }
        });
    }

    static String abbreviate(String body) {
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
    }
}
