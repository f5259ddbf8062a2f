package io.orikaeshi.reporting;

import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackAcknowledged;
import io.orikaeshi.events.CallbackCompleted;
import io.orikaeshi.events.NotificationSent;
import io.orikaeshi.events.NotificationViewed;
import io.orikaeshi.infra.DemoKeys;
import io.orikaeshi.reporting.support.Calls;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.orikaeshi.reporting.support.Api.asClient;
import static io.orikaeshi.reporting.support.Stream.eventually;
import static io.orikaeshi.reporting.support.Stream.publish;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Loads the dashboard in headless Chromium (Debian's chromium package) against this running service and data of
 * acme-jp in August 2026: the board row, an SLA bar and the billing line must be in the rendered page.
 * target/dashboard.png is kept as the test's artifact.
 */
@QuarkusTest
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TestHTTPResource("/dashboard/index.html")
    URL dashboard;

    @Test
    void dashboardRendersTheBoardAnSlaChartAndTheBillingTableInEnglish() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "headless Chromium is not installed at " + CHROMIUM
                + " (Debian: apt-get install -y chromium); the dashboard browser test needs it");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        CallReceived open = Calls.of("acme-jp", now).to("Dashboard Test").promised(now.plusSeconds(3600), "佐藤").event();
        Instant aug3 = Instant.parse("2026-08-03T01:00:00Z");
        CallReceived kept = Calls.of("acme-jp", aug3).promised(aug3.plusSeconds(3600), "佐藤").event();
        publish(open, kept, CallbackCompleted.of("acme-jp", kept.callId(), aug3.plusSeconds(600), "佐藤"));
        eventually(() -> asClient("acme-jp").get("/tenants/acme-jp/board?limit=5000").then().body("callId",
                hasItem(open.callId())));
        eventually(() -> asClient("acme-jp").get("/tenants/acme-jp/sla?from=2026-08-03&to=2026-08-03").then()
                .body("[0].keptOnTime", equalTo(1)));

        // The key travels in the fragment, which the browser never sends to the server.
        String url = dashboard + "?tenant=acme-jp&lang=en&from=2026-08-01&to=2026-08-07&month=2026-08#key="
                + DemoKeys.ACME_CLIENT;
        String dom = chromium("--dump-dom", url);

        assertThat(dom, containsString("Open callbacks"));
        assertThat(dom, containsString("data-call=\"" + open.callId() + "\""));
        assertThat(dom, containsString("data-day=\"2026-08-03\""));
        assertThat(dom, containsString("2026-08-01 – 2026-08-31"));
        assertThat(dom, containsString(">220<"));

        // The browser runs in New York; the board still reads Tokyo time, and the number as people in Japan write it.
        assertThat(dom, containsString("GMT+9"));
        assertThat(dom, containsString("<a href=\"tel:+81312345678\">03-1234-5678</a>"));

        Path screenshot = Path.of("target", "dashboard.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        chromium("--screenshot=" + screenshot, "--window-size=1280,900", url);
        assertTrue(Files.size(screenshot) > 10_000, "a screenshot was written to " + screenshot);
    }

    @Test
    void dashboardShowsACallsMessagesWithChannelSentReadAndAcknowledgedEscapedAndTheBoardsReceipt() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "headless Chromium is not installed at " + CHROMIUM);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        CallReceived call = Calls.of("acme-jp", now).promised(now.plusSeconds(3600), "佐藤").event();
        String slack = "dash-slack-" + call.callId();
        publish(call,
                NotificationSent.of("acme-jp", call.callId(), now.plusSeconds(1), slack, "REPORT",
                        "<img src=x onerror=alert(1)>", "slack"),
                NotificationSent.of("acme-jp", call.callId(), now.plusSeconds(2), "dash-mail-" + call.callId(),
                        "REPORT", "sato@acme.example"),
                NotificationViewed.of("acme-jp", call.callId(), now.plusSeconds(30), slack),
                CallbackAcknowledged.of("acme-jp", call.callId(), now.plusSeconds(60), "<b>Sato</b>", slack));
        eventually(() -> asClient("acme-jp").get("/tenants/acme-jp/calls/{id}/messages", call.callId()).then()
                .body("acknowledgedBy", equalTo("<b>Sato</b>")).body("messages[0].viewedAt", notNullValue()));

        String dom = chromium("--dump-dom", dashboard + "?tenant=acme-jp&lang=en&call=" + call.callId() + "#key="
                + DemoKeys.ACME_CLIENT);

        String log = dom.substring(dom.indexOf("id=\"deliveries-section\""), dom.indexOf("id=\"sla-chart\""));
        assertThat(log, containsString("data-message=\"" + slack + "\""));
        assertThat(log,
                containsString("<td>Slack</td><td>&lt;img src=x onerror=alert(1)&gt;</td><td class=\"\">Sent</td>"));
        assertThat(log, containsString("<td>Email</td><td>sato@acme.example</td>"));
        assertThat(log, containsString("(&lt;b&gt;Sato&lt;/b&gt;)"));
        assertThat(log, containsString("Callback acknowledged: "));
        assertThat(log, not(containsString("<img")));
        assertThat(log, containsString("GMT+9"));
        String row = dom.substring(dom.indexOf("data-call=\"" + call.callId() + "\""));
        assertThat(row.substring(0, row.indexOf("</tr>")), containsString("Acknowledged "));
    }

    private static String chromium(String... arguments) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--virtual-time-budget=5000"));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("chromium", ".out");
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("TZ", "America/New_York");
        Process process = builder.redirectErrorStream(false)
                .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish within 90 s");
        }
        return Files.readString(output, StandardCharsets.UTF_8);
    }
}
