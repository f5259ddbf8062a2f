package io.orikaeshi.kit.deadletter;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What the dead-letter API answers. Only {@link Detail} carries the payload. */
public final class DeadLetterViews {

    private DeadLetterViews() {
    }

    /** One parked record without its payload: where it came from, why it was parked, which event it holds. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(String id, Instant parkedAt, String originTopic, Integer originPartition, Long originOffset,
            String reason, String cause, String eventType, String eventId, String tenantId,
            String callId) {

        public static Summary of(ParkedRecord r) {
            ParkedRecord.EventRef e = r.event().orElse(null);
            return new Summary(r.id().toString(), r.parkedAt(), r.originTopic(), r.originPartition(),
                    r.originOffset(), r.reason(), r.cause(), e == null ? null : e.type(),
                    e == null ? null : e.eventId(), e == null ? null : e.tenantId(), e == null ? null : e.callId());
        }
    }

    /** {@code complete} is false when the topic holds older records than a listing reads (see the window setting). */
    public record Listing(String topic, boolean complete, int count, List<Summary> deadLetters) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detail(@JsonUnwrapped Summary summary, String key, String payload, List<HeaderView> headers,
            ResolutionView resolution) {

        public static Detail of(ParkedRecord r, Resolution resolution) {
            List<HeaderView> headers = new ArrayList<>();
            for (Header h : r.headers()) {
                headers.add(new HeaderView(h.key(), h.value() == null
                        ? null
                        : new String(h.value(), StandardCharsets.UTF_8)));
            }
            return new Detail(Summary.of(r), r.key(), r.value(), headers,
                    resolution == null ? null : ResolutionView.of(resolution));
        }
    }

    public record HeaderView(String name, String value) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ResolutionView(Resolution.Action action, String actor, String reason, Instant at) {

        static ResolutionView of(Resolution r) {
            return new ResolutionView(r.action(), r.actor(), r.reason(), r.at());
        }
    }

    public record Replayed(String id, String topic) {
    }

    /** {@code skipped}: unresolved records a replay cannot help (not an event, or no original topic); discard them. */
    public record ReplayedAll(int count, List<String> replayed, List<String> skipped) {
    }

    public record DiscardRequest(String reason) {
    }
}
