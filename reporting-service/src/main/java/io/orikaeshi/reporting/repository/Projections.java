package io.orikaeshi.reporting.repository;

import io.orikaeshi.events.NotificationDeferred;
import io.orikaeshi.events.NotificationFailed;
import io.orikaeshi.events.NotificationSent;
import io.orikaeshi.events.OrikaeshiEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Routes each event to the read model it shapes; the live consumer and the replay use this one entry point. */
@ApplicationScoped
public class Projections {

    private final CallLogProjection callLog;
    private final DeliveryLogProjection deliveryLog;

    public Projections(CallLogProjection callLog, DeliveryLogProjection deliveryLog) {
        this.callLog = callLog;
        this.deliveryLog = deliveryLog;
    }

    public Uni<Void> apply(OrikaeshiEvent event) {
        if (event instanceof NotificationSent || event instanceof NotificationDeferred
                || event instanceof NotificationFailed) {
            return deliveryLog.apply(event);
        }
        return callLog.apply(event);
    }
}
