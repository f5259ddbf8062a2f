package io.orikaeshi.reporting;

import io.agroal.api.AgroalDataSource;
import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackCompleted;
import io.orikaeshi.infra.DemoKeys;
import io.orikaeshi.reporting.service.ProjectionWriter;
import io.orikaeshi.reporting.support.Calls;
import io.orikaeshi.reporting.support.Stream;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.orikaeshi.reporting.support.Api.asClient;
import static io.orikaeshi.reporting.support.Api.withKey;
import static io.orikaeshi.reporting.support.ReadModels.execute;
import static io.orikaeshi.reporting.support.ReadModels.snapshot;
import static io.orikaeshi.reporting.support.ReadModels.value;
import static io.orikaeshi.reporting.support.Stream.eventually;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Ops rebuild the read models over HTTP: POST /admin/rebuild. A model damaged behind the service's back comes
 * back exactly as the events make it, a second rebuild is refused while one runs, events published while the
 * rebuild runs are neither lost nor doubled, and the live consumer goes on after the swap.
 */
@QuarkusTest
class AdminRebuildTest {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    ProjectionWriter writer;

    @Test
    void rebuildFromOffsetZeroRestoresADamagedModelAndKeepsWhatArrivesMeanwhile() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        CallReceived kept = Calls.of("acme-jp", now).promised(now.plusSeconds(600), "佐藤").event();
        Stream.publish(kept, CallbackCompleted.of("acme-jp", kept.callId(), now.plusSeconds(60), "佐藤"));
        Stream.awaitConsumed();
        List<String> expected = snapshot(dataSource, "public");

        execute(dataSource, "delete from call_log where call_id = '" + kept.callId() + "'");
        execute(dataSource, "update call_log set chase_count = chase_count + 7");

        // Holding the live side keeps the rebuild from its final switch-over, so it is surely still running.
        writer.whileLiveHeld(() -> {
            withKey(DemoKeys.PLATFORM).post("/admin/rebuild").then().statusCode(202)
                    .header("Location", endsWith("/admin/rebuild"))
                    .body("state", equalTo("RUNNING"));
            withKey(DemoKeys.PLATFORM).post("/admin/rebuild").then().statusCode(409)
                    .contentType("application/problem+json");
            return null;
        });
        CallReceived meanwhile = Calls.of("globex-us", now).promised(now.plusSeconds(600), "Smith").event();
        CallbackCompleted completed = CallbackCompleted.of("globex-us", meanwhile.callId(), now.plusSeconds(30),
                "Smith");
        Stream.publish(meanwhile, completed);
        eventually(() -> withKey(DemoKeys.PLATFORM).get("/admin/rebuild").then().statusCode(200)
                .body("state", equalTo("SUCCEEDED"))
                .body("recordsRead", greaterThan(0)).body("eventsApplied", greaterThan(0)));
        Stream.awaitConsumed();

        String row = "from call_log where call_id = '" + meanwhile.callId() + "'";
        assertEquals("COMPLETED", value(dataSource, "select callback_status " + row));
        List<String> rebuilt = snapshot(dataSource, "public");
        assertEquals(expected, rebuilt.stream().filter(r -> !r.contains(meanwhile.callId())
                && !r.contains(meanwhile.eventId()) && !r.contains(completed.eventId())).toList());

        CallReceived afterwards = Calls.of("acme-jp", now).event();
        Stream.publish(afterwards);
        eventually(() -> asClient("acme-jp").get("/tenants/acme-jp/calls?limit=1000").then().statusCode(200)
                .body("callId", hasItem(afterwards.callId())));
    }
}
