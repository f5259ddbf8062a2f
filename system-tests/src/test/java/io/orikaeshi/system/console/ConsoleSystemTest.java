package io.orikaeshi.system.console;

import io.orikaeshi.infra.InfraSettings;
import io.orikaeshi.infra.LocalInfrastructure;
import io.orikaeshi.infra.LocalSystem;
import io.orikaeshi.infra.Ports;
import io.orikaeshi.infra.ReceivedMail;
import io.orikaeshi.infra.ServiceProcess;
import io.orikaeshi.infra.DemoKeys;
import io.orikaeshi.infra.testing.MailboxClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The operator console (served by intake at /console/) in Debian's headless Chromium, driven with the keyboard
 * only, against the four services started as processes on real Kafka, PostgreSQL and SMTP. Reporting allows the
 * console's origin through CORS, as a deployment configures it. Screenshots of every step, in Japanese (acme-jp) and
 * English (globex-us), land in system-tests/target/console-screenshots.
 */
class ConsoleSystemTest {

    private static final Path ROOT = LocalSystem.repositoryRoot();
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = ROOT.resolve("system-tests/target/console-screenshots");
    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static LocalInfrastructure infra;
    private static final List<ServiceProcess> services = new ArrayList<>();
    private static String intake;
    private static String reporting;

    private WebDriver driver;
    private String lang;
    private int step;

    /** What differs between the two runs of the flow. */
    private record Operator(String lang, String tenant, String name, String caller, String firstNumber,
            String sameNumberOtherFormat, String e164, String hearingKey, String declinedWording,
            String chaseWording, String recordedAsChase) {
    }

    private static final Operator JA = new Operator("ja", "acme-jp", "佐藤", "山田 太郎", "03-5555-0101",
            "+81 3 5555 0101", "+81355550101", "n", "お伺いしましたが、お客様のご意向によりお教えいただけませんでした",
            "督促です", "督促として");
    private static final Operator EN = new Operator("en", "globex-us", "Pat Lee", "Jane Roe", "212-555-0123",
            "+1 (212) 555 0123", "+12125550123", null, "Asked, but the caller preferred not to give it",
            "Chasing a promise", "as a chase");

    @BeforeAll
    static void startSystem() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)");
        LocalSystem.requireBuilt(ROOT, LocalSystem.SERVICES);
        try (var old = Files.exists(SHOTS) ? Files.list(SHOTS) : java.util.stream.Stream.<Path>empty()) {
            old.forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        infra = LocalInfrastructure.start(InfraSettings.forTests(
                LocalSystem.SERVICES.stream().map(LocalSystem.ServiceSpec::database).toList()));
        Path logs = ROOT.resolve("system-tests/target/console-service-logs");
        List<LocalSystem.ServiceSpec> specs = LocalSystem.SERVICES.stream().map(s -> s.withHttpPort(Ports.free()))
                .toList();
        intake = "http://127.0.0.1:" + specs.get(0).httpPort();
        reporting = "http://127.0.0.1:" + specs.get(3).httpPort();
        for (LocalSystem.ServiceSpec spec : specs) {
            Map<String, String> env = new HashMap<>(LocalSystem.serviceEnv(infra, spec, ROOT));
            if (spec.module().equals("intake-service")) {
                env.put("ORIKAESHI_CONSOLE_REPORTING_URL", reporting);
            } else if (spec.module().equals("reporting-service")) {
                env.put("QUARKUS_HTTP_CORS_ORIGINS", intake);
            }
            services.add(ServiceProcess.start(spec.module(), LocalSystem.quarkusRunJar(ROOT, spec.module()), env,
                    List.of(), logs.resolve(spec.module() + ".log")));
        }
        for (int i = 0; i < specs.size(); i++) {
            services.get(i).awaitHealthy(specs.get(i).readinessUrl(), STARTUP);
        }
    }

    @AfterAll
    static void stopSystem() {
        services.forEach(ServiceProcess::stop);
        if (infra != null) {
            infra.close();
        }
    }

    @AfterEach
    void closeBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void japaneseOperatorTakesCallsAndKeepsAPromiseWithTheKeyboardOnly() throws IOException {
        operatorFlow(JA);
        doubleSubmitsAndFailuresRecordOneCallAndSayWhy(JA);
    }

    @Test
    void englishOperatorTakesCallsAndKeepsAPromiseWithTheKeyboardOnly() throws IOException {
        operatorFlow(EN);
    }

    private void operatorFlow(Operator op) throws IOException {
        open(op);
        String key = DemoKeys.operator(op.tenant());

        // Sign in: tenant, key, name, Enter.
        assertFocused("si-tenant");
        type(op.tenant(), Keys.TAB, key, Keys.TAB, op.name());
        shot("sign-in");
        type(Keys.ENTER);
        waitFor("the workspace", d -> d.findElement(By.id("workspace")).isDisplayed());
        assertFocused("addressee");
        assertFalse(driver.getCurrentUrl().contains(key), "the key must never be in the URL");
        assertTrue(((String) js("return sessionStorage.getItem('orikaeshi.console')")).contains(key));
        js("window.__sameDocument = true");
        shot("signed-in");

        // Bad input: an item marked provided without its value is named next to its field, and focused.
        chord(Keys.CONTROL, Keys.ENTER);
        waitFor("field errors", d -> !text("err-callerName").isEmpty());
        assertEquals("true", driver.findElement(By.id("v-callerName")).getAttribute("aria-invalid"));
        assertFocused("v-callerName");
        if (op.lang().equals("ja")) {
            assertEquals("「取得」の場合は入力してください", text("err-callerName"),
                    "intake's refusal, as a Japanese operator reads it");
        }
        shot("field-errors");
        chord(Keys.ALT, "n");
        assertFocused("addressee");

        // Call 1: the caller declines to give a number; no callback can be promised.
        type(op.name(), Keys.ENTER, "p", op.caller(), Keys.ENTER, "p",
                op.lang().equals("ja") ? "見積もりの件" : "Invoice question",
                Keys.ENTER, "d");
        answerHearingItems(op);
        toPromiseKinds();
        type("0");
        assertFocused("submit-call");
        waitFor("no-callback preview", d -> !text("promise-preview").isEmpty());
        shot("declined-number");
        chord(Keys.CONTROL, Keys.ENTER);
        String declined = recordedCallId(null);
        shot("declined-recorded");

        ReceivedMail report = new MailboxClient(infra.mailboxUrl()).awaitMessages(
                m -> m.textBody().contains(declined), 1, WAIT).get(0);
        assertTrue(report.textBody().contains(op.declinedWording()), report.textBody());
        Files.writeString(SHOTS.resolve(op.lang() + "-report-email.txt"),
                report.subject() + "\n\n" + report.textBody());
        showMailbox();

        // Call 2: the number as the caller says it; a promise within 30 minutes, previewed before it is recorded.
        type(op.name(), Keys.ENTER, "p", op.caller(), Keys.ENTER, "p",
                op.lang().equals("ja") ? "見積もりの再確認" : "Invoice follow-up", Keys.ENTER, "p", op.firstNumber());
        waitFor("the normalised number", d -> text("number-normalised").contains(op.e164()));
        type(Keys.ENTER);
        answerHearingItems(op);
        toPromiseKinds();
        type("1");
        assertFocused("within");
        chord(Keys.CONTROL, "a");
        type("30", Keys.TAB);
        assertFocused("assignee");
        type(op.name());
        waitFor("the promise preview", d -> !attribute("promise-preview", "data-due-at").isEmpty());
        String previewed = attribute("promise-preview", "data-due-at");
        shot("promise-preview");
        chord(Keys.CONTROL, Keys.ENTER);
        String promised = recordedCallId(null);
        Instant due = Instant.parse(intakeCall(op, promised).get("callbackDueAt").toString());
        assertEquals(java.time.OffsetDateTime.parse(previewed).toInstant(), due, "the preview is the promise recorded");
        waitFor("the promise on the board", d -> boardRow(promised));
        shot("promise-on-board");

        // Call 3: the same caller rings again, the number typed another way: flagged as chasing, with the history.
        type(op.name(), Keys.ENTER, "p", op.caller(), Keys.ENTER, "p",
                op.lang().equals("ja") ? "折り返しがまだ来ない" : "Still waiting for the callback", Keys.ENTER, "p",
                op.sameNumberOtherFormat());
        waitFor("the chase flag", d -> d.findElement(By.id("chase-flag")).isDisplayed());
        assertTrue(text("number-normalised").contains(op.e164()), text("number-normalised"));
        assertTrue(text("chase-flag").contains(op.chaseWording()), text("chase-flag"));
        assertFalse(text("history").isEmpty());
        shot("chase-flag-and-history");
        type(Keys.ENTER);
        answerHearingItems(op);
        toPromiseKinds();
        type("0");
        chord(Keys.CONTROL, Keys.ENTER);
        String chase = recordedCallId(op.recordedAsChase());
        assertEquals(promised, intakeCall(op, chase).get("chaseOf"));
        waitFor("the chase counted on the board", d -> boardRow(promised) != null
                && boardRow(promised).getText().contains(op.lang().equals("ja") ? "督促 1" : "1 chases"));
        shot("chase-recorded");

        // Extend the promise with the caller's consent, from the board, with the keyboard.
        String dueShown = waitFor("the due time shown", d -> boardRow(promised).findElement(By.cssSelector("td.left"))
                .getAttribute("data-due"));
        boardAction(promised, "extend");
        assertFocused("a-extend");
        chord(Keys.CONTROL, "a");
        type("45", Keys.TAB, Keys.SPACE);
        assertFocused("a-consent");
        shot("extend-dialog");
        type(Keys.TAB, Keys.ENTER);
        waitFor("the extended due time on the board", d -> boardRow(promised) != null && !dueShown.equals(
                boardRow(promised).findElement(By.cssSelector("td.left")).getAttribute("data-due")));
        assertEquals(due.plus(Duration.ofMinutes(45)),
                Instant.parse(intakeCall(op, promised).get("callbackDueAt").toString()), "extended from the due time");
        shot("extended");

        // Complete it: it leaves the board, without a reload.
        boardAction(promised, "complete");
        assertFocused("action-submit");
        type(Keys.ENTER);
        waitFor("the completed promise off the board", d -> boardRow(promised) == null);
        assertEquals("COMPLETED", intakeCall(op, promised).get("callbackStatus"));
        assertEquals(Boolean.TRUE, js("return window.__sameDocument === true"), "the page was reloaded");
        shot("completed");
    }

    private void doubleSubmitsAndFailuresRecordOneCallAndSayWhy(Operator op) throws IOException {
        // A double click sends one request.
        fillShortCall(op, "二重クリックの確認");
        js("const b = document.getElementById('submit-call'); b.click(); b.click();");
        recordedCallId(null);

        // The answer is lost after the call was stored: the operator sees why and records again; still one call.
        fillShortCall(op, "再送の確認");
        js("""
                const real = window.fetch; let dropped = false;
                window.fetch = async (url, init) => {
                  const answer = await real(url, init);
                  if (!dropped && init && init.method === 'POST' && String(url).endsWith('/calls')) {
                    dropped = true; throw new TypeError('connection reset');
                  }
                  return answer;
                };""");
        chord(Keys.CONTROL, Keys.ENTER);
        waitFor("the network error", d -> d.findElement(By.id("call-errors")).isDisplayed());
        shot("network-error-kept-input");
        chord(Keys.CONTROL, Keys.ENTER);
        waitFor("the replayed answer", d -> text("call-result").contains("二重には記録していません"));
        shot("retry-replayed");

        // A server error shows a message, never a blank page, and keeps the input.
        fillShortCall(op, "サーバーエラーの確認");
        js("""
                const real = window.fetch;
                window.fetch = async (url, init) => init && init.method === 'POST' && String(url).endsWith('/calls')
                  ? new Response('<html>oops</html>', {status: 500, headers: {'Content-Type': 'text/html'}})
                  : real(url, init);""");
        chord(Keys.CONTROL, Keys.ENTER);
        waitFor("the server error", d -> text("call-errors").contains("500"));
        assertEquals("サーバーエラーの確認", driver.findElement(By.id("v-purpose")).getAttribute("value"));
        shot("server-error");

        for (String purpose : List.of("二重クリックの確認", "再送の確認")) {
            assertEquals(1, callsWithPurpose(op, purpose), purpose + " must be recorded exactly once");
        }
        assertEquals(0, callsWithPurpose(op, "サーバーエラーの確認"));
    }

    private void fillShortCall(Operator op, String purpose) {
        chord(Keys.ALT, "n");
        type(op.name(), Keys.ENTER, "p", op.caller(), Keys.ENTER, "p", purpose, Keys.ENTER, "n");
        answerHearingItems(op);
        toPromiseKinds();
        type("0");
    }

    /** Reporting is eventually consistent: waits until the count has been the same for two seconds. */
    private long callsWithPurpose(Operator op, String purpose) {
        long last = -1;
        Instant stableSince = Instant.now();
        Instant end = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(end)) {
            List<Map<String, Object>> calls = given()
                    .header("Authorization", DemoKeys.bearer(DemoKeys.client(op.tenant())))
                    .queryParam("purpose", purpose).when().get(reporting + "/tenants/{t}/calls", op.tenant())
                    .then().statusCode(200).extract().jsonPath().getList("$");
            long count = calls.stream().filter(c -> purpose.equals(((Map<?, ?>) c.get("purpose")).get("value")))
                    .count();
            if (count != last) {
                last = count;
                stableSince = Instant.now();
            } else if (Duration.between(stableSince, Instant.now()).toSeconds() >= 2 && count > 0
                    || Duration.between(stableSince, Instant.now()).toSeconds() >= 5) {
                return count;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
        }
        return last;
    }

    // ---------- browser ----------

    private void open(Operator op) throws IOException {
        lang = op.lang();
        step = 0;
        Files.createDirectories(SHOTS);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1500,1100", "--lang=" + op.lang());
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        driver.get(intake + "/console/");
    }

    private void showMailbox() throws IOException {
        String console = driver.getWindowHandle();
        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(infra.mailboxUrl());
        shot("report-email-in-mailbox");
        driver.close();
        driver.switchTo().window(console);
    }

    private void type(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    /** A key pressed with a modifier held (Ctrl+Enter, Alt+N), as a person presses it. */
    private void chord(Keys modifier, CharSequence key) {
        new Actions(driver).keyDown(modifier).sendKeys(key).keyUp(modifier).perform();
    }

    /** Hearing items of the tenant's plan are asked like the three items; one keystroke answers each. */
    private void answerHearingItems(Operator op) {
        while (op.hearingKey() != null && Boolean.TRUE.equals(js(
                "return !!document.activeElement.closest('#hearing')"))) {
            type(op.hearingKey());
        }
    }

    /** Tabs from wherever the focus is to the promise kinds, as an operator would. */
    private void toPromiseKinds() {
        for (int i = 0; i < 12; i++) {
            if (Boolean.TRUE.equals(js("return !!document.activeElement.closest('#promise-kinds')"))) {
                return;
            }
            type(Keys.TAB);
        }
        throw new AssertionError("the promise kinds are not in the tab order; focus is on " + focusedId());
    }

    private void boardAction(String callId, String action) {
        chord(Keys.ALT, "2");
        for (int i = 0; i < 40; i++) {
            // One script: the board is re-rendered when it changes, so an element read earlier may be gone.
            if (Boolean.TRUE.equals(js("const focused = document.activeElement;"
                    + " return focused.dataset.action === arguments[0]"
                    + " && focused.closest('tr')?.dataset.callId === arguments[1];", action, callId))) {
                type(Keys.ENTER);
                waitFor("the " + action + " dialog", d -> d.findElement(By.id("action-dialog")).isDisplayed());
                return;
            }
            type(Keys.TAB);
        }
        throw new AssertionError("no " + action + " button for " + callId + " in the tab order");
    }

    private String recordedCallId(String wording) {
        waitFor("the recorded call", d -> !attribute("call-result", "data-call-id").isEmpty()
                && !text("call-result").isEmpty() && (wording == null || text("call-result").contains(wording)));
        String id = attribute("call-result", "data-call-id");
        js("document.getElementById('call-result').dataset.callId = ''");
        assertFocused("addressee");
        return id;
    }

    private WebElement boardRow(String callId) {
        List<WebElement> rows = driver.findElements(By.cssSelector("#board tr[data-call-id='" + callId + "']"));
        return rows.isEmpty() ? null : rows.get(0);
    }

    private Map<String, Object> intakeCall(Operator op, String callId) {
        return given().header("Authorization", DemoKeys.bearer(DemoKeys.operator(op.tenant())))
                .when().get(intake + "/tenants/{t}/calls/{id}", op.tenant(), callId)
                .then().statusCode(200).extract().jsonPath().getMap("$");
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private String attribute(String id, String name) {
        String value = driver.findElement(By.id(id)).getAttribute(name);
        return value == null ? "" : value;
    }

    private Object js(String script, Object... args) {
        return ((ChromeDriver) driver).executeScript(script, args);
    }

    private String focusedId() {
        return driver.switchTo().activeElement().getAttribute("id");
    }

    private void assertFocused(String id) {
        assertEquals(id, focusedId(), "focus");
    }

    private <T> T waitFor(String what, java.util.function.Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, WAIT, Duration.ofMillis(100)).withMessage(what)
                    .ignoring(StaleElementReferenceException.class).until(condition);
        } catch (RuntimeException e) {
            try {
                shot("FAILED-" + what.replaceAll("\\W+", "-"));
            } catch (IOException ignored) {
                // the failure itself matters more
            }
            throw e;
        }
    }

    private void shot(String name) throws IOException {
        File png = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), SHOTS.resolve(String.format("%s-%02d-%s.png", lang, ++step, name)),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
