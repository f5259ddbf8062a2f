package io.orikaeshi.reporting.mapping;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;

/**
 * Position after the last call of a page, in the call log's order (received_at desc, call_id desc). Keyset, not an
 * offset: calls arriving meanwhile neither repeat nor skip rows, and a deep page costs what the first one does.
 * Opaque to clients (base64url) so its form can change.
 */
public record CallCursor(Instant receivedAt, String callId) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((receivedAt + "|" + callId).getBytes(StandardCharsets.UTF_8));
    }

    /** Empty when the text is not a cursor this service issued. */
    public static Optional<CallCursor> decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int bar = plain.indexOf('|');
            if (bar < 0) {
                return Optional.empty();
            }
            return Optional.of(new CallCursor(Instant.parse(plain.substring(0, bar)), plain.substring(bar + 1)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
