package io.orikaeshi.kit.deadletter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "orikaeshi.dead-letters")
public interface DeadLetterConfig {

    /**
     * Build-time switch: the services that consume events (and so own a dead-letter topic
     * {@code orikaeshi.dlq.<quarkus.application.name>}) set it to true and get the /admin/dead-letters workflow.
     */
    @WithDefault("false")
    boolean enabled();

    /**
     * How many of the newest records of each partition of the dead-letter topic a listing (and the gauge) reads.
     * Parked records older than that are not listed (the answer then says {@code complete: false}); they can still be
     * shown, replayed or discarded by id.
     */
    @WithDefault("2000")
    int window();

    /** How long one read of the topic, or one send, may take before the answer is a 503. */
    @WithDefault("5s")
    Duration kafkaTimeout();

    /** How often the parked-records gauge is refreshed besides after each action. */
    @WithDefault("30s")
    Duration gaugeInterval();
}
