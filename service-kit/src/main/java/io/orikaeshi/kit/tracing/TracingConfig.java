package io.orikaeshi.kit.tracing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "orikaeshi.tracing")
public interface TracingConfig {

    /** Finished spans as log lines (category io.orikaeshi.tracing): no collector is reachable from our machines. */
    @WithDefault("false")
    boolean logSpans();
}
