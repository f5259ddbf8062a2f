package io.orikaeshi.intake.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "orikaeshi.intake.group-commit")
public interface GroupCommitConfig {

    /** The most calls one transaction takes; calls arriving while a transaction runs wait for the next one. */
    @WithDefault("256")
    int maxCalls();

    /** Transactions writing calls at the same time, per instance. */
    @WithDefault("1")
    int concurrency();
}
