package io.orikaeshi.intake.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the operator console finds reporting-service (board, caller history); reporting must allow intake's origin. */
@ConfigMapping(prefix = "orikaeshi.console")
public interface ConsoleConfig {

    /** Base URL of reporting-service as the operator's browser reaches it. */
    @WithDefault("http://localhost:8084")
    String reportingUrl();
}
