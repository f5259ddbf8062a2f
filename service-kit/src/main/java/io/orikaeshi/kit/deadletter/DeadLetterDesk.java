package io.orikaeshi.kit.deadletter;

import io.orikaeshi.kit.problem.ProblemException;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator's dead-letter workflow for this service: list what is parked and unresolved, look at one record,
 * replay it to its original topic or discard it with a reason.
 *
 * <h2>Where resolutions live</h2>
 * A resolution is a marker record on the same dead-letter topic, in the parked record's partition, keyed by the parked
 * record's id, with {@code dead-letter-action} = REPLAYED or DISCARDED and the actor, reason and time in headers (see
 * {@link Resolution}). So the workflow needs no database (it works while the service's PostgreSQL is down, which is
 * often why records were parked), no new topic, and every instance of the service sees the same state: a listing reads
 * the topic to its end offsets and drops parked records that have a marker. Markers come after their record in the
 * same partition, so a read from any offset up to the end sees the marker of every record it sees.
 *
 * <h2>Replay</h2>
 * The value goes back to its original topic with its key and original headers (without the {@code dead-letter-*}
 * ones, plus {@code orikaeshi-replay-of}); the marker is written only after the broker acknowledged it. A crash in
 * between leaves the record unresolved and a second replay is harmless: consumers deduplicate on the event id.
 * Records whose value is not an event are not replayed (the consumer would only park them again): discard them.
 *
 * <p>Every action writes an audit line: who (the key id, never the key), what, when and why. Payloads are never
 * logged: they hold callers' names and numbers.
 */
@Singleton
@IfBuildProperty(name = "orikaeshi.dead-letters.enabled", stringValue = "true")
public class DeadLetterDesk {

    private static final Logger AUDIT = Logger.getLogger(DeadLetterDesk.class.getName() + ".audit");

    @Inject
    DeadLetterTopic topic;
    @Inject
    ParkedGauge gauge;

    public DeadLetterViews.Listing list() {
        Contents contents = topic.newest();
        gauge.set(contents);
        List<DeadLetterViews.Summary> unresolved = contents.unresolved().stream()
                .map(DeadLetterViews.Summary::of).toList();
        return new DeadLetterViews.Listing(topic.name(), contents.complete(), unresolved.size(), unresolved);
    }

    public DeadLetterViews.Detail show(String id) {
        Located found = locate(id);
        return DeadLetterViews.Detail.of(found.record(), found.resolution());
    }

    // One action at a time per instance: two clicks on "replay" here send the record once.
    public synchronized DeadLetterViews.Replayed replay(String id, String actor) {
        Located found = locate(id);
        requireUnresolved(found);
        if (!found.record().replayable()) {
            throw ProblemException.conflict("Dead letter " + id + " cannot be replayed: "
                    + (found.record().event().isEmpty() ? "its value is not an event" : "it names no original topic")
                    + "; discard it instead");
        }
        replay(found.record(), actor);
        gauge.refreshSoon();
        return new DeadLetterViews.Replayed(id, found.record().originTopic());
    }

    public synchronized DeadLetterViews.ReplayedAll replayAll(String actor) {
        List<String> replayed = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (ParkedRecord record : topic.newest().unresolved()) {
            if (record.replayable()) {
                replay(record, actor);
                replayed.add(record.id().toString());
            } else {
                skipped.add(record.id().toString());
            }
        }
        gauge.refreshSoon();
        return new DeadLetterViews.ReplayedAll(replayed.size(), replayed, skipped);
    }

    public synchronized void discard(String id, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalid("reason", "is required: say why the record is discarded");
        }
        Located found = locate(id);
        requireUnresolved(found);
        Resolution resolution = new Resolution(found.record().id(), Resolution.Action.DISCARDED, actor, reason.strip(),
                Instant.now());
        topic.resolve(resolution);
        audit(resolution, found.record());
        gauge.refreshSoon();
    }

    private void replay(ParkedRecord record, String actor) {
        topic.replay(record);
        Resolution resolution = new Resolution(record.id(), Resolution.Action.REPLAYED, actor, null, Instant.now());
        topic.resolve(resolution);
        audit(resolution, record);
    }

    private void audit(Resolution r, ParkedRecord record) {
        AUDIT.infof("Dead letter %s of %s %s by %s at %s (event %s, reason: %s)", r.id(), topic.name(), r.action(),
                r.actor(), r.at(), record.event().map(ParkedRecord.EventRef::eventId).orElse("none"),
                r.reason() == null ? "-" : r.reason());
    }

    private record Located(ParkedRecord record, Resolution resolution) {
    }

    private Located locate(String id) {
        DeadLetterId parsed = DeadLetterId.parse(id).orElseThrow(() -> ProblemException.notFound("That dead letter"));
        Contents contents = topic.from(parsed);
        ParkedRecord record = contents.find(parsed)
                .orElseThrow(() -> ProblemException.notFound("Dead letter " + parsed));
        return new Located(record, contents.resolutionOf(parsed).orElse(null));
    }

    private static void requireUnresolved(Located found) {
        if (found.resolution() != null) {
            Resolution r = found.resolution();
            throw ProblemException.conflict("Dead letter " + r.id() + " was already " + r.action().name().toLowerCase()
                    + " by " + r.actor() + " at " + r.at());
        }
    }
}
