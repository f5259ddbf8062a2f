package io.orikaeshi.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orikaeshi.infra.DemoKeys;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Swagger UI in headless Chromium (Debian's chromium package), driven over the DevTools protocol the way a person
 * would use it: Authorize with the demo operator key, then "Try it out" on recording a call for acme-jp, Execute, and
 * the answer shown is 201. This proves the document's security schemes and requirements are what Swagger UI needs to
 * send the key. target/swagger-ui-call-created.png is kept as the test's artifact.
 */
@QuarkusTest
class SwaggerUiBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Duration STEP = Duration.ofSeconds(30);

    @TestHTTPResource("/q/swagger-ui/")
    URL swaggerUi;

    @Test
    void anOperatorAuthorizesWithTheDemoKeyAndRecordsACallFromSwaggerUi() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "headless Chromium is not installed at " + CHROMIUM
                + " (Debian: apt-get install -y chromium); the Swagger UI browser test needs it");
        String body = IntakeApi.callFrom("0312345678", null);
        try (Browser browser = Browser.start()) {
            try {
                recordACall(browser, body);
            } catch (AssertionError | Exception e) {
                browser.screenshot(Path.of("target", "swagger-ui-failure.png").toAbsolutePath(), "document.body");
                throw e;
            }
        }
    }

    private void recordACall(Browser browser, String body) throws Exception {
        browser.open(swaggerUi.toString());
        browser.await("Swagger UI has loaded the document", "document.querySelector('.btn.authorize') !== null"
                + " && document.querySelector('.opblock-summary-path[data-path=\"/tenants/{tenantId}/calls\"]') !== null");

        browser.click(".btn.authorize");
        browser.await("the Authorize dialog lists both schemes",
                "document.querySelectorAll('.auth-container').length === 2");
        // The bearer scheme's form (the other one names the X-Api-Key header).
        String bearer = "[...document.querySelectorAll('.auth-container')]"
                + ".find(c => !c.textContent.includes('X-Api-Key'))";
        browser.typeInto(bearer + ".querySelector('input')", DemoKeys.ACME_OPERATOR);
        browser.eval(bearer + ".querySelector('.modal-btn.auth').click()");
        browser.await("the bearer scheme is authorized", "[...(" + bearer + ").querySelectorAll('button')]"
                + ".some(b => b.textContent.trim() === 'Logout')");
        browser.click(".dialog-ux .close-modal");

        String operation = "[...document.querySelectorAll('.opblock.opblock-post')].find(o => o.querySelector("
                + "'.opblock-summary-path[data-path=\"/tenants/{tenantId}/calls\"]'))";
        browser.eval("(" + operation + ".querySelector('.opblock-summary-control')"
                + " || " + operation + ".querySelector('.opblock-summary')).click()");
        browser.await("the operation is open", operation + ".querySelector('.try-out__btn') !== null");
        browser.eval(operation + ".querySelector('.try-out__btn').click()");
        browser.await("Try it out is on", operation + ".querySelector('textarea.body-param__text') !== null");
        browser.typeInto(operation + ".querySelector('input[placeholder=\"tenantId\"]')", "acme-jp");
        browser.typeInto(operation + ".querySelector('textarea.body-param__text')", body);
        browser.eval(operation + ".querySelector('.btn.execute').click()");
        String answer = operation + ".querySelector('.live-responses-table tbody .response-col_status')";
        browser.await("an answer is shown", answer + " !== null");

        String status = browser.eval(answer + ".textContent.trim()").asText();
        String curl = browser.eval(operation + ".querySelector('.curl-command, .curl').textContent").asText();
        Path screenshot = Path.of("target", "swagger-ui-call-created.png").toAbsolutePath();
        browser.screenshot(screenshot, operation);

        assertEquals("201", status, "Swagger UI's answer; its curl line was: " + curl);
        assertTrue(curl.contains("Authorization: Bearer " + DemoKeys.ACME_OPERATOR), curl);
        assertTrue(Files.size(screenshot) > 10_000, "a screenshot was written to " + screenshot);
    }

    /** One headless Chromium and its first page, over the DevTools protocol (a WebSocket speaking JSON). */
    private static final class Browser implements AutoCloseable {

        private static final ObjectMapper JSON = new ObjectMapper();
        private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

        private final Process process;
        private final Path profile;
        private final WebSocket socket;
        private final AtomicInteger ids = new AtomicInteger();
        private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

        private Browser(Process process, Path profile, WebSocket socket) {
            this.process = process;
            this.profile = profile;
            this.socket = socket;
        }

        static Browser start() throws Exception {
            Path profile = Files.createTempDirectory("chromium-profile");
            Process process = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--user-data-dir=" + profile, "--window-size=1280,2000",
                    "--remote-debugging-port=0", "about:blank"))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String browserSocket = null;
            BufferedReader stderr = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8));
            for (String line; browserSocket == null && (line = stderr.readLine()) != null;) {
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    browserSocket = m.group(1);
                }
            }
            if (browserSocket == null) {
                process.destroyForcibly();
                throw new AssertionError("chromium did not open its DevTools port");
            }
            // Keep reading stderr so that chromium never blocks on a full pipe.
            Thread drain = new Thread(() -> stderr.lines().forEach(line -> {
            }), "chromium-stderr");
            drain.setDaemon(true);
            drain.start();
            URI devtools = URI.create(browserSocket);
            HttpClient http = HttpClient.newHttpClient();
            JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(
                    URI.create("http://" + devtools.getAuthority() + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            String pageSocket = null;
            for (JsonNode target : targets) {
                if ("page".equals(target.path("type").asText())) {
                    pageSocket = target.path("webSocketDebuggerUrl").asText();
                }
            }
            assertTrue(pageSocket != null, "chromium has a page: " + targets);
            Browser[] self = new Browser[1];
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), new WebSocket.Listener() {
                private final StringBuilder message = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    message.append(data);
                    if (last) {
                        self[0].received(message.toString());
                        message.setLength(0);
                    }
                    webSocket.request(1);
                    return null;
                }
            }).get(STEP.toSeconds(), TimeUnit.SECONDS);
            self[0] = new Browser(process, profile, socket);
            return self[0];
        }

        private void received(String text) {
            try {
                JsonNode message = JSON.readTree(text);
                if (message.has("id")) {
                    CompletableFuture<JsonNode> answer = pending.remove(message.get("id").asInt());
                    if (answer != null) {
                        answer.complete(message);
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        JsonNode send(String method, Map<String, Object> params) throws Exception {
            int id = ids.incrementAndGet();
            CompletableFuture<JsonNode> answer = new CompletableFuture<>();
            pending.put(id, answer);
            ObjectNode command = JSON.createObjectNode().put("id", id).put("method", method);
            command.set("params", JSON.valueToTree(params));
            socket.sendText(JSON.writeValueAsString(command), true).join();
            JsonNode message = answer.get(STEP.toSeconds(), TimeUnit.SECONDS);
            if (message.has("error")) {
                throw new AssertionError(method + " failed: " + message.get("error"));
            }
            return message.path("result");
        }

        void open(String url) throws Exception {
            send("Page.navigate", Map.of("url", url));
        }

        /** The value of a JavaScript expression in the page. */
        JsonNode eval(String expression) throws Exception {
            JsonNode result = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                    "awaitPromise", true));
            if (result.has("exceptionDetails")) {
                throw new AssertionError("the page could not evaluate " + expression + ": "
                        + result.get("exceptionDetails"));
            }
            return result.path("result").path("value");
        }

        void await(String what, String condition) throws Exception {
            Instant deadline = Instant.now().plus(STEP);
            BooleanSupplier holds = () -> {
                try {
                    return eval("(() => { try { return !!(" + condition + "); } catch (e) { return false; } })()")
                            .asBoolean();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            while (!holds.getAsBoolean()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("within " + STEP + ": " + what);
                }
                Thread.sleep(200);
            }
        }

        void click(String selector) throws Exception {
            eval("document.querySelector(" + JSON.writeValueAsString(selector) + ").click()");
        }

        /** Focuses the field, selects what it holds and types over it, as keyboard input the page's React sees. */
        void typeInto(String element, String text) throws Exception {
            eval("(() => { const e = " + element + "; e.focus(); e.select(); })()");
            send("Input.insertText", Map.of("text", text));
        }

        /** A PNG of the element, at most 2400 px of it from its top. */
        void screenshot(Path file, String element) throws Exception {
            JsonNode box = eval("(() => { const r = (" + element + ").getBoundingClientRect();"
                    + " return {x: r.left + scrollX, y: r.top + scrollY, width: r.width,"
                    + " height: Math.min(r.height, 2400), scale: 1}; })()");
            JsonNode shot = send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                    "clip", JSON.convertValue(box, Map.class)));
            Files.createDirectories(file.getParent());
            Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
        }

        @Override
        public void close() throws Exception {
            socket.abort();
            // Chromium's helper processes write into the profile until they end too.
            List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
            all.add(process.toHandle());
            all.forEach(ProcessHandle::destroy);
            for (ProcessHandle handle : all) {
                try {
                    handle.onExit().get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    handle.destroyForcibly();
                }
            }
            try (var files = Files.walk(profile)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
