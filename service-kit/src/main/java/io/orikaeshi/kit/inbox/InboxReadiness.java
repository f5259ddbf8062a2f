package io.orikaeshi.kit.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** DOWN while a channel holds a batch because a dependency is unreachable. */
@ApplicationScoped
@Readiness
public class InboxReadiness implements HealthCheck {

    @Inject
    InboxHealth health;

    @Override
    public HealthCheckResponse call() {
        return health.readiness();
    }
}
