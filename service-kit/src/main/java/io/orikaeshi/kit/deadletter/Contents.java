package io.orikaeshi.kit.deadletter;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one read of the dead-letter topic found: the parked records in (partition, offset) order and the resolutions
 * of those of them that were resolved. {@code complete} is false when older records lay before the read window.
 */
public record Contents(List<ParkedRecord> parked, Map<DeadLetterId, Resolution> resolutions, boolean complete) {

    public List<ParkedRecord> unresolved() {
        return parked.stream().filter(r -> !resolutions.containsKey(r.id())).toList();
    }

    public Optional<ParkedRecord> find(DeadLetterId id) {
        return parked.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public Optional<Resolution> resolutionOf(DeadLetterId id) {
        return Optional.ofNullable(resolutions.get(id));
    }
}
