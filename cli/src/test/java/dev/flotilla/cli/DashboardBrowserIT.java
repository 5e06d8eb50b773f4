package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.event.RolloutFinished;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.Approval;
import dev.flotilla.contracts.request.RolloutPolicy;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.devkit.DemoFleet;
import dev.flotilla.messaging.TopicReader;
import dev.flotilla.ops.access.Role;
import dev.flotilla.ops.access.TestAccess;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The operators' dashboard in a real headless Chromium, served by a notifier process, over the
 * whole suite on the real broker: a rollout's progress as it happens, approval, pause and resume
 * from the page's buttons, final counts equal to the API's, and a notifier killed and restarted
 * mid-rollout without the page losing or repeating any of the rollout's events.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} ({@code .ci/run} installs them);
 * fails, never skips, without them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserIT {
  private static final MigrationSetId COACHIQ = MigrationSetId.of("coachiq");
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOT = Path.of("target", "dashboard.png");
  private static final Duration LONG = Duration.ofMinutes(2);
  private static final int DEVICES = 12;

  @TempDir static Path work;
  private RunningSuite suite;
  private List<DeviceId> devices;
  private DeviceId searched;
  private DeviceId damaged;
  private int notifierPort;
  private String api;
  private Process notifier;
  private ChromeDriver browser;
  private TopicReader<RolloutEvent> positions;
  private final List<Logged> logged = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  /** An event of {@code flotilla.events} with the id the notifier gives it. */
  private record Logged(String id, RolloutId rollout) {}

  @BeforeAll
  void startTheSuiteTheNotifierAndABrowser() throws Exception {
    assertThat(CHROMIUM).as("Debian's chromium (apt-get install chromium)").isExecutable();
    assertThat(CHROMEDRIVER)
        .as("Debian's chromedriver (apt-get install chromium-driver)")
        .isExecutable();
    suite = RunningSuite.in(work);
    List<DeviceId> fleet = DemoFleet.generate(suite.fleet(), DEVICES + 1, 23);
    devices = fleet.subList(0, DEVICES);
    searched = fleet.get(DEVICES);
    // The first device of the second wave: its skip shows while the rollout runs.
    damaged = devices.get(3);
    DemoFleet.corrupt(DemoFleet.databaseOf(suite.fleet(), damaged));
    suite.push(COACHIQ, DemoFleet.sampleMigrations(work.resolve("migrations")));

    int coordinatorPort = freePort();
    notifierPort = freePort();
    api = "http://127.0.0.1:" + coordinatorPort;
    suite.startMigrationWorker("a");
    suite.startBackupWorker();
    suite.startCoordinator("a", coordinatorPort);
    suite.readEvents();
    positions =
        TopicReader.fromBeginning(
                suite.kafka(),
                Topics.EVENTS,
                r ->
                    logged.add(new Logged(r.value().messageId().toString(), r.value().rolloutId())))
            .start();
    notifier = suite.startNotifier("a", notifierPort, api);
    suite.awaitInventoryOf(fleet, LONG);
    awaitAnswer(api + "/health");
    awaitAnswer(page("/health"));
    browser = chromium();
  }

  @AfterAll
  void stopEverything() {
    if (browser != null) {
      browser.quit();
    }
    if (positions != null) {
      positions.close();
    }
    if (suite != null) {
      suite.close();
    }
  }

  @Test
  void theDashboardFollowsARolloutSteersItAndSurvivesANotifierRestartWithoutLosingAnEvent()
      throws Exception {
    RolloutId rollout =
        suite.start(
            "it-dash",
            COACHIQ,
            5,
            devices,
            RolloutPolicy.DEFAULT
                .withMaxInFlight(1)
                // Three waves: the last waits for an approval, so the rollout is still running
                // whenever the notifier is killed, however fast the first two went.
                .withWaves(List.of(25, 90, 100))
                .withApproval(Approval.BETWEEN_WAVES)
                .withStepTimeoutSeconds(120));

    // The root sends the browser to the dashboard, which asks for a token before it reads
    // anything; once signed in, a click on the rollout selects it.
    browser.get(page("/"));
    assertThat(browser.getCurrentUrl()).isEqualTo(page("/dashboard/"));
    WebElement signIn = browser.findElement(By.id("sign-in"));
    awaitPage(() -> assertThat(signIn.isDisplayed()).isTrue());
    signIn
        .findElement(By.name("token"))
        .sendKeys(TestAccess.token("it-dashboard", Role.OPERATOR, Role.APPROVER));
    signIn.submit();
    awaitPage(() -> assertThat(liveState()).isEqualTo("live"));
    awaitPage(() -> browser.findElement(rowOf(rollout)).click());
    awaitPage(() -> assertThat(shown("data-rollout-id")).isEqualTo(rollout.value()));

    // The first wave runs, then waits for an approval the page gives.
    awaitPage(() -> assertThat(shown("data-status")).isEqualTo("AWAITING_APPROVAL"));
    awaitPage(() -> assertThat(pageCount("DONE")).isEqualTo(3));
    awaitPage(() -> assertThat(button("approve").getText()).isEqualTo("Approve wave 2"));
    button("approve").click();
    awaitPage(() -> assertThat(outcome()).contains("wave approved 2 by it-dashboard"));
    awaitPage(() -> assertThat(apiStatus(rollout)).isEqualTo("RUNNING"));

    // Pause from the page: the coordinator pauses it, and the page says so.
    awaitPage(() -> assertThat(pageCount("DONE")).isGreaterThanOrEqualTo(4));
    button("pause").click();
    await().atMost(LONG).untilAsserted(() -> assertThat(apiStatus(rollout)).isEqualTo("PAUSED"));
    awaitPage(() -> assertThat(shown("data-status")).isEqualTo("PAUSED"));
    awaitPage(() -> assertThat(outcome()).contains("paused by it-dashboard"));
    assertThat(button("pause").isEnabled()).isFalse();
    assertThat(rowStatus(rollout)).isEqualTo("PAUSED");

    // Resume continues it.
    int doneWhilePaused = apiCount(rollout, "DONE");
    button("resume").click();
    awaitPage(() -> assertThat(outcome()).contains("resumed by it-dashboard"));
    await()
        .atMost(LONG)
        .untilAsserted(() -> assertThat(apiCount(rollout, "DONE")).isGreaterThan(doneWhilePaused));
    awaitPage(() -> assertThat(shown("data-status")).isEqualTo("RUNNING"));
    awaitPage(() -> assertThat(pageCount("DONE")).isGreaterThan(doneWhilePaused));
    Files.createDirectories(SCREENSHOT.getParent());
    Files.write(SCREENSHOT, browser.getScreenshotAs(OutputType.BYTES));

    // The notifier dies mid-rollout and comes back on its port; the page reconnects by itself.
    // While it is down, wave 3 is approved through the API: the rollout goes on without it.
    assertThat(suite.has(rollout, RolloutFinished.class)).isFalse();
    suite.kill(notifier);
    awaitPage(() -> assertThat(liveState()).isEqualTo("reconnecting"));
    await()
        .atMost(LONG)
        .untilAsserted(() -> assertThat(apiStatus(rollout)).isEqualTo("AWAITING_APPROVAL"));
    assertThat(
            http.send(
                    authorized(URI.create(api + "/rollouts/" + rollout + "/waves/3/approve"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"requestedBy\":\"it\"}"))
                        .build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode())
        .isEqualTo(202);
    await().atMost(LONG).untilAsserted(() -> assertThat(apiStatus(rollout)).isEqualTo("RUNNING"));
    notifier = suite.startNotifier("b", notifierPort, api);
    awaitPage(() -> assertThat(liveState()).isEqualTo("live"));

    // At the end the page shows what the API says, device by device stage.
    suite.awaitFinished(rollout, LONG);
    awaitPage(() -> assertThat(shown("data-status")).isEqualTo("FINISHED"));
    JsonObject detail = apiDetail(rollout);
    awaitPage(() -> assertThat(pageStages()).isEqualTo(stagesOf(detail)));
    assertThat(pageStages()).containsEntry("DONE", DEVICES - 1).containsEntry("SKIPPED", 1);
    awaitPage(
        () ->
            assertThat(
                    browser
                        .findElement(
                            By.cssSelector(
                                "[data-failures=\"SKIPPED\"] tr[data-device-id=\""
                                    + damaged.value()
                                    + "\"]"))
                        .getText())
                .isNotBlank());
    awaitPage(() -> assertThat(rowStatus(rollout)).isEqualTo("FINISHED"));

    // Every event of the rollout on flotilla.events reached the page once, in the log's order.
    List<String> onTheLog = new ArrayList<>();
    await()
        .atMost(LONG)
        .untilAsserted(
            () -> {
              onTheLog.clear();
              onTheLog.addAll(idsOnTheLog(rollout));
              assertThat(onTheLog).hasSize(suite.eventsOf(rollout).size());
            });
    awaitPage(() -> assertThat(pageEventIds(rollout)).hasSameSizeAs(onTheLog));
    assertThat(pageEventIds(rollout)).isEqualTo(onTheLog);
    assertThat(script("return window.flotilla.gaps(arguments[0])", rollout.value())).isEqualTo(0L);
    assertThat(shown("data-events-seen")).isEqualTo(String.valueOf(onTheLog.size()));
    assertThat(shown("data-gaps")).isEqualTo("0");
    assertThat(shown("data-duplicates")).isEqualTo("0");
  }

  @Test
  void aDeviceSearchShowsTheDevicesRolloutsAndItsWholeTimeline() throws Exception {
    DeviceId device = searched;
    RolloutId rollout =
        suite.start("it-dash-one", COACHIQ, 5, List.of(device), RolloutPolicy.DEFAULT);
    suite.awaitFinished(rollout, LONG);
    await()
        .atMost(LONG)
        .ignoreExceptions()
        .until(() -> apiDetail(rollout).getString("status").equals("FINISHED"));
    browser.get(page("/dashboard/#token=" + TestAccess.token("it-dashboard", Role.VIEWER)));
    assertThat(browser.getCurrentUrl()).isEqualTo(page("/dashboard/"));
    WebElement search = browser.findElement(By.id("device-query"));
    search.sendKeys(device.value());
    search.submit();

    JsonObject detail = apiDevice(device);
    awaitPage(
        () ->
            assertThat(browser.findElement(By.id("device")).getDomAttribute("data-device-id"))
                .isEqualTo(device.value()));
    assertThat(detail.getJsonArray("history")).isNotEmpty();
    assertThat(browser.findElements(By.cssSelector("#device .timeline li")))
        .hasSize(detail.getJsonArray("history").size());
    assertThat(browser.findElements(By.cssSelector("#device .device-rollouts tbody tr")))
        .hasSize(detail.getJsonArray("rollouts").size());
    assertThat(browser.findElement(By.cssSelector("#device .device-rollouts tbody")).getText())
        .contains(rollout.value())
        .contains("DONE");
    // The coordinator has no inventory endpoint yet: the census stays hidden, the search works.
    if (answer(api + "/devices") == 404) {
      assertThat(browser.findElement(By.id("census")).isDisplayed()).isFalse();
    }
  }

  private ChromeDriver chromium() throws IOException {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--window-size=1440,1600");
    // The driver named here: Selenium Manager, which would download one, never runs.
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .withLogFile(work.resolve("chromedriver.log").toFile())
            .build();
    return new ChromeDriver(service, options);
  }

  /** A request with an administrator's token, as an operator's script would send it. */
  private static HttpRequest.Builder authorized(URI uri) {
    return HttpRequest.newBuilder(uri)
        .header("Authorization", TestAccess.bearer(TestAccess.admin("it-script")));
  }

  private String page(String path) {
    return "http://127.0.0.1:" + notifierPort + path;
  }

  private static By rowOf(RolloutId rollout) {
    return By.cssSelector("#rollouts tr[data-rollout-id=\"" + rollout.value() + "\"]");
  }

  private String liveState() {
    return browser.findElement(By.id("live")).getDomAttribute("data-state");
  }

  /** An attribute of the selected rollout's section. */
  private String shown(String attribute) {
    return browser.findElement(By.id("rollout")).getDomAttribute(attribute);
  }

  private String rowStatus(RolloutId rollout) {
    return browser.findElement(rowOf(rollout)).getDomAttribute("data-status");
  }

  private WebElement button(String action) {
    return browser.findElement(By.cssSelector("#rollout button[data-action=\"" + action + "\"]"));
  }

  private String outcome() {
    return browser.findElement(By.id("control-outcome")).getText();
  }

  private int pageCount(String stage) {
    return Integer.parseInt(
        browser
            .findElement(By.cssSelector("#stage-table td[data-stage=\"" + stage + "\"]"))
            .getDomProperty("textContent"));
  }

  /** The page's devices by stage, the stages with none left out as the API leaves them out. */
  private Map<String, Integer> pageStages() {
    Map<String, Integer> stages = new TreeMap<>();
    for (WebElement cell : browser.findElements(By.cssSelector("#stage-table td[data-stage]"))) {
      int devices = Integer.parseInt(cell.getDomProperty("textContent"));
      if (devices > 0) {
        stages.put(cell.getDomAttribute("data-stage"), devices);
      }
    }
    return stages;
  }

  private static Map<String, Integer> stagesOf(JsonObject detail) {
    Map<String, Integer> stages = new TreeMap<>();
    JsonObject byStage = detail.getJsonObject("byStage");
    for (String stage : byStage.fieldNames()) {
      if (byStage.getInteger(stage) > 0) {
        stages.put(stage, byStage.getInteger(stage));
      }
    }
    return stages;
  }

  @SuppressWarnings("unchecked")
  private List<String> pageEventIds(RolloutId rollout) {
    return (List<String>) script("return window.flotilla.eventIds(arguments[0])", rollout.value());
  }

  private Object script(String code, Object... arguments) {
    return ((JavascriptExecutor) browser).executeScript(code, arguments);
  }

  private List<String> idsOnTheLog(RolloutId rollout) {
    return logged.stream().filter(e -> e.rollout().equals(rollout)).map(Logged::id).toList();
  }

  private JsonObject apiDetail(RolloutId rollout) throws Exception {
    HttpResponse<String> answer =
        http.send(
            authorized(URI.create(api + "/rollouts/" + rollout)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return new JsonObject(answer.body());
  }

  private JsonObject apiDevice(DeviceId device) throws Exception {
    HttpResponse<String> answer =
        http.send(
            authorized(URI.create(api + "/devices/" + device)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return new JsonObject(answer.body());
  }

  private int answer(String url) throws Exception {
    return http.send(authorized(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private String apiStatus(RolloutId rollout) throws Exception {
    return apiDetail(rollout).getString("status");
  }

  private int apiCount(RolloutId rollout, String stage) throws Exception {
    return apiDetail(rollout).getJsonObject("byStage").getInteger(stage, 0);
  }

  private void awaitAnswer(String url) {
    await()
        .atMost(LONG)
        .ignoreExceptions()
        .until(
            () ->
                http.send(
                            authorized(URI.create(url)).build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 200);
  }

  /** What the page shows comes a moment after what caused it. */
  private static void awaitPage(ThrowingRunnable assertion) {
    await().atMost(LONG).ignoreExceptions().untilAsserted(assertion);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
