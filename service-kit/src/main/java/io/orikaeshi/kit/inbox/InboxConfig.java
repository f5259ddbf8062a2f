package io.orikaeshi.kit.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "orikaeshi.inbox")
public interface InboxConfig {

    /** The pause after a first failure; doubled after each further one, up to {@link #maxBackoff()}. */
    @WithDefault("200ms")
    Duration firstBackoff();

    /** The longest pause between tries while a dependency is down: how late a batch resumes after an outage. */
    @WithDefault("5s")
    Duration maxBackoff();

    /**
     * Tries of a batch that fails while the database answers before the failure counts as the batch's own
     * (deterministic): the batch is then split and only the event that still fails alone is parked.
     */
    @WithDefault("3")
    int failingAttempts();

    /**
     * How long an event naming a tenant this service does not know waits for the tenant to arrive on the tenant
     * feed before it is parked (and can be replayed once the tenant is configured). Meanwhile its partition waits.
     */
    @WithDefault("10m")
    Duration unknownTenantPatience();

    /** How long the database probe may take before the database counts as unreachable. */
    @WithDefault("3s")
    Duration probeTimeout();
}
