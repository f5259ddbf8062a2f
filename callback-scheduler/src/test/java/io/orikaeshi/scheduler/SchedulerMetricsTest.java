package io.orikaeshi.scheduler;

import io.orikaeshi.events.CallbackOverdue;
import io.orikaeshi.events.EventFixtures;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
class SchedulerMetricsTest {

    @RegisterExtension
    static final DeadlineEventStream stream = new DeadlineEventStream();

    @Test
    void firingIsVisibleAsPendingGaugeLatenessHistogramAndFiredCounter() {
        String callId = EventFixtures.newCallId();
        stream.publish(EventFixtures.callReceived("acme-jp", callId, Instant.now().plusMillis(200)));
        stream.await(callId, CallbackOverdue.class, 1);

        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("orikaeshi_scheduler_timers_pending"))
                .body(containsString("orikaeshi_scheduler_firing_lateness_seconds_bucket"))
                .body(containsString("orikaeshi_scheduler_timers_fired_total{kind=\"OVERDUE\"}"));
    }
}
