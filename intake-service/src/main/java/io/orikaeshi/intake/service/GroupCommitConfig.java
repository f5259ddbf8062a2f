package io.orikaeshi.intake.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "orikaeshi.intake.group-commit")
public interface GroupCommitConfig {

    /** The most calls one transaction takes; calls arriving while a transaction runs wait for the next one. */
    @WithDefault("256")
    int maxCalls();

    /**
     * Transactions writing calls at the same time, per instance. Two let one group form and start while the other
     * waits on PostgreSQL (intake-service/bench/README.md has what one and two give).
     */
    @WithDefault("2")
    int concurrency();
}
