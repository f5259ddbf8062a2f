package io.orikaeshi.notification.service;

import io.orikaeshi.notification.channel.LineWorksAuth;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "orikaeshi.line-works")
public interface LineWorksConfig {

    /** Where a service account's access tokens are asked for: LINE WORKS' auth server, a local one in tests. */
    @WithDefault(LineWorksAuth.STANDARD_AUTH_URL)
    String authUrl();
}
