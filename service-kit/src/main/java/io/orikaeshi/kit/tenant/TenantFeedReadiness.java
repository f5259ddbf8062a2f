package io.orikaeshi.kit.tenant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the tenant topic has been read once: before that, keys and calendars may be out of date. */
@Readiness
@ApplicationScoped
public class TenantFeedReadiness implements HealthCheck {

    @Inject
    TenantFeed feed;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("tenant-directory").status(feed.caughtUp()).build();
    }
}
