package io.orikaeshi.system.faults;

import io.orikaeshi.infra.DemoKeys;
import io.restassured.path.json.JsonPath;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The operators of the two demo tenants: records calls with a callback promise and marks some callbacks done, the
 * way a careful client does during an outage: a 503, a 5xx or no answer at all is retried with the same
 * Idempotency-Key (a completion: the same request) until intake accepts it. Only accepted calls are returned.
 */
final class CallTraffic {

    /** A kind of call, and whom the tenant's routes in config/tenants.properties send its report and alerts. */
    private record Shape(String tenant, String addressee, String purpose, String purposeCategory,
            List<String> recipients) {
    }

    private static final List<Shape> SHAPES = List.of(
            // No route matches: the tenant's report-recipients.
            new Shape("acme-jp", "佐藤", "納期の確認", null, List.of("uketsuke@acme.example")),
            new Shape("globex-us", "Jane Roe", "Delivery date", null, List.of("frontdesk@globex.example")),
            // acme-jp routes[1] (purpose category 見積): two recipients, each with their own email.
            new Shape("acme-jp", "佐藤", "見積もりの件", "見積", List.of("mitsumori@acme.example", "eigyo@acme.example")),
            // globex-us routes[0] (addressee Billing, category invoice).
            new Shape("globex-us", "Billing", "Invoice question", "invoice", List.of("billing@globex.example")));

    /** Longer than any fault of the suite lasts, so a call is only given up when intake never comes back. */
    private static final Duration GIVE_UP = Duration.ofMinutes(3);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);
    /** Every third call of a flow is completed right after it is accepted: a kept promise. */
    private static final int KEEP_EVERY = 3;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String intake;
    private final AtomicInteger sequence = new AtomicInteger();

    CallTraffic(String intake) {
        this.intake = intake;
    }

    /** {@code count} calls one after the other, the tenants and routes taken in turn. */
    List<PlacedCall> place(int count, Duration promise, boolean keep, boolean warned) {
        List<PlacedCall> placed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            placed.add(place(promise, keep, warned));
        }
        return placed;
    }

    /** Starts a steady flow: one call every {@code interval}, each on its own thread so a retried one holds none up. */
    Flow startFlow(Duration interval, Duration promise) {
        return new Flow(interval, promise);
    }

    private PlacedCall place(Duration promise, boolean keep, boolean warned) {
        int n = sequence.incrementAndGet();
        Shape shape = SHAPES.get(n % SHAPES.size());
        // "Within" the promise from when intake accepts the call: a call retried through an outage still gets its
        // whole promise (a due time fixed at the first attempt could pass before intake takes the call, and is refused).
        String body = """
                {"addressee": "%s", "callerName": {"status": "PROVIDED", "value": "Caller %d"},
                 "purpose": {"status": "PROVIDED", "value": "%s"}, %s
                 "callbackNumber": {"status": "DECLINED"},
                 "callback": {"within": "%s", "assignee": "佐藤"}}""".formatted(shape.addressee(), n, shape.purpose(),
                shape.purposeCategory() == null ? "" : "\"purposeCategory\": \"" + shape.purposeCategory() + "\",",
                promise);
        // A declined number links no call to another as a chase, so every call has only its own emails.
        HttpResponse<String> accepted = untilAccepted("call " + n, "/tenants/" + shape.tenant() + "/calls",
                shape.tenant(), UUID.randomUUID().toString(), body, false);
        String location = accepted.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("no Location for call " + n + ": " + accepted.body()));
        String callId = location.substring(location.lastIndexOf('/') + 1);
        Instant due = Instant.parse(JsonPath.from(accepted.body()).getString("callbackDueAt"));
        PlacedCall call = new PlacedCall(shape.tenant(), callId, due, shape.recipients(), null, warned);
        if (!keep) {
            return call;
        }
        untilAccepted("completion of " + callId, "/tenants/" + shape.tenant() + "/calls/" + callId
                + "/callback/completion", shape.tenant(), null, "{\"completedBy\": \"佐藤\"}", true);
        return call.completed(Instant.now());
    }

    /**
     * Sends until a 2xx. For a completion, a 409 after an attempt that got no clear answer means that attempt was
     * applied (the callback is completed already) and counts as accepted.
     */
    private HttpResponse<String> untilAccepted(String what, String path, String tenant, String idempotencyKey,
            String body, boolean completion) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(intake + path))
                .header("Authorization", DemoKeys.bearer(DemoKeys.operator(tenant)))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        Instant giveUp = Instant.now().plus(GIVE_UP);
        String last = "no attempt";
        boolean unanswered = false;
        while (Instant.now().isBefore(giveUp)) {
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2 || completion && status == 409 && unanswered) {
                    return response;
                }
                if (status != 503 && status < 500) {
                    throw new AssertionError(what + " refused with " + status + ": " + response.body());
                }
                last = "HTTP " + status;
                unanswered = true;
            } catch (IOException e) {
                last = e.toString();
                unanswered = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while sending " + what, e);
            }
            pause();
        }
        throw new AssertionError(what + " not accepted within " + GIVE_UP + " (last: " + last + ")");
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A steady flow of calls until {@link #stop()}. */
    final class Flow {
        private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        private final ExecutorService senders = Executors.newCachedThreadPool();
        private final List<Future<PlacedCall>> calls = new ArrayList<>();
        private final AtomicInteger ticks = new AtomicInteger();

        private Flow(Duration interval, Duration promise) {
            ticker.scheduleAtFixedRate(() -> {
                boolean keep = ticks.incrementAndGet() % KEEP_EVERY == 0;
                synchronized (calls) {
                    calls.add(senders.submit(() -> place(promise, keep, false)));
                }
            }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Stops making calls, waits (bounded) for those still being retried, and returns every accepted one. */
        List<PlacedCall> stop() {
            ticker.shutdownNow();
            senders.shutdown();
            List<PlacedCall> accepted = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            List<Future<PlacedCall>> started;
            synchronized (calls) {
                started = List.copyOf(calls);
            }
            long deadline = System.nanoTime() + GIVE_UP.plusSeconds(15).toNanos();
            for (Future<PlacedCall> call : started) {
                try {
                    accepted.add(call.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (ExecutionException e) {
                    failures.add(String.valueOf(e.getCause().getMessage()));
                } catch (TimeoutException e) {
                    call.cancel(true);
                    failures.add("a call still unanswered when the flow's wait ended");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
            senders.shutdownNow();
            if (!failures.isEmpty()) {
                throw new AssertionError(failures.size() + " of " + started.size()
                        + " calls or completions were never accepted: " + failures);
            }
            return accepted;
        }
    }
}
