package dev.flotilla.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.control.ApproveWave;
import dev.flotilla.contracts.control.ControlCommand;
import dev.flotilla.contracts.control.PauseRollout;
import dev.flotilla.contracts.device.DeviceConditions;
import dev.flotilla.contracts.device.DeviceInventoryReport;
import dev.flotilla.contracts.device.DeviceStateReport;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.event.RolloutRejected;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.reply.MigrationRehearsed;
import dev.flotilla.contracts.request.Approval;
import dev.flotilla.contracts.request.OnThreshold;
import dev.flotilla.contracts.request.RestoreRequest;
import dev.flotilla.contracts.request.RolloutPolicy;
import dev.flotilla.contracts.request.RolloutRequest;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.coordinator.engine.FleetView;
import dev.flotilla.coordinator.projection.ProjectionStore;
import dev.flotilla.coordinator.projection.Projector;
import dev.flotilla.coordinator.projection.RebuildReport;
import dev.flotilla.coordinator.saga.SagaScenario;
import dev.flotilla.devkit.SharedTestBroker;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.Publisher;
import dev.flotilla.messaging.TopicProvisioner;
import dev.flotilla.messaging.TopicReader;
import dev.flotilla.ops.ServiceHealth;
import dev.flotilla.ops.access.AccessSettings;
import dev.flotilla.ops.access.AuthorizationTable;
import dev.flotilla.ops.access.TestAccess;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The projections and the HTTP API on the real broker: rollouts written to {@code flotilla.events}
 * the way the coordinator writes them, projected live, asked about over HTTP, and rebuilt from the
 * log into a second file that must equal the live one row for row.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoordinatorApiIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir static Path dir;

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  /** Who the tests' requests come from: the audit must name this, not what a body says. */
  private final String caller = "it-admin-" + run;

  private final String authorization = TestAccess.bearer(TestAccess.admin(caller));
  private final String d1 = "rv-" + run + "-1";
  private final String d2 = "rv-" + run + "-2";
  private final String d3 = "rv-" + run + "-3";
  private final String d4 = "rv-" + run + "-4";
  private final String d5 = "rv-" + run + "-5";
  private final String d6 = "rv-" + run + "-6";
  private final String d7 = "rv-" + run + "-7";
  private final String d8 = "rv-" + run + "-8";
  private final Instant start = Instant.now().minus(2, ChronoUnit.HOURS);

  /** Two waves with approval; two devices done, one rolled back. */
  private final List<RolloutEvent> finished = finished();

  /** Paused, refused, resumed, halted and aborted; covers d1 a second time. */
  private final List<RolloutEvent> aborted = aborted();

  private final List<RolloutEvent> rejected = rejected();

  /** A dry run: two devices rehearsed, the third's rehearsal failed. */
  private final List<RolloutEvent> dryRun = dryRun();

  /** Still running: d8's safety check was sent and has no answer yet. */
  private final List<RolloutEvent> running = running();

  // The events come from the decider, as the coordinator writes them.
  private List<RolloutEvent> finished() {
    SagaScenario r = new SagaScenario(RolloutId.of("it-api-" + run + "-a"), start);
    r.start(
        RolloutPolicy.DEFAULT.withWaves(List.of(33, 100)).withApproval(Approval.BETWEEN_WAVES),
        d1,
        d2,
        d3);
    r.succeed(d1);
    r.approve(2, "lead@example.com");
    r.succeed(d2);
    r.reply(d3, SagaScenario::success);
    r.reply(d3, SagaScenario::success);
    r.reply(d3, SagaScenario::failure); // the migration fails: rolled back
    r.reply(d3, SagaScenario::success);
    return r.log;
  }

  private List<RolloutEvent> aborted() {
    SagaScenario r =
        new SagaScenario(RolloutId.of("it-api-" + run + "-b"), start.plus(1, ChronoUnit.HOURS));
    r.start(
        RolloutPolicy.DEFAULT
            .withMaxInFlight(1)
            .withStepTimeoutSeconds(60)
            .withFailureThreshold(0.5, OnThreshold.HALT),
        d4,
        d1);
    r.pause("ops@example.com");
    r.pause("ops@example.com"); // refused: already paused
    r.resume("ops@example.com");
    r.reply(d4, SagaScenario::success); // safe; its backup never answers
    r.tickAt(r.now.plusSeconds(61)); // d4 failed: the threshold halts the rollout
    r.abort("ops@example.com"); // d1 never began: skipped
    return r.log;
  }

  private List<RolloutEvent> dryRun() {
    SagaScenario r =
        new SagaScenario(RolloutId.of("it-api-" + run + "-d"), start.plus(100, ChronoUnit.MINUTES));
    r.start(RolloutPolicy.DEFAULT.withMaxInFlight(3).withDryRun(true), d5, d6, d7);
    r.reply(d5, SagaScenario::success);
    r.reply(d6, SagaScenario::success);
    r.reply(d7, SagaScenario::success);
    r.reply(d5, rehearsed(120, 4_000_000, 4_100_000, 8_200_000));
    r.reply(d6, rehearsed(80, 1_000_000, 950_000, 2_000_000));
    r.reply(d7, SagaScenario::failure);
    return r.log;
  }

  private static SagaScenario.ReplyMaker rehearsed(
      long millis, long before, long after, long disk) {
    return (c, n) ->
        new MigrationRehearsed(
            SagaScenario.replyId(n),
            c.commandId(),
            c.rolloutId(),
            c.deviceId(),
            c.messageId(),
            SagaScenario.T0,
            VersionId.of(2),
            VersionId.of(5),
            millis,
            before,
            after,
            disk);
  }

  private List<RolloutEvent> running() {
    SagaScenario r =
        new SagaScenario(RolloutId.of("it-api-" + run + "-e"), start.plus(110, ChronoUnit.MINUTES));
    r.start(RolloutPolicy.DEFAULT.withMaxInFlight(1), d8);
    return r.log;
  }

  private List<RolloutEvent> rejected() {
    SagaScenario r =
        new SagaScenario(RolloutId.of("it-api-" + run + "-c"), start.plus(90, ChronoUnit.MINUTES));
    r.requestUnknown("rv-" + run + "-9");
    return r.log;
  }

  private KafkaSettings kafka;
  private ProjectionStore store;
  private Projector projector;
  private Publisher publisher;
  private FleetView fleet;
  private Vertx vertx;
  private WebClient client;
  private int port;
  private final List<ControlCommand> control = new CopyOnWriteArrayList<>();
  private final List<RolloutRequest> requests = new CopyOnWriteArrayList<>();
  private final List<TopicReader<?>> readers = new ArrayList<>();

  @BeforeAll
  void startTheApiOverALiveProjection() throws Exception {
    kafka = KafkaSettings.of(SharedTestBroker.get().bootstrapServers());
    TopicProvisioner.ensureTopics(kafka);
    publisher = Publisher.create(kafka);
    Instant seen = Instant.now();
    for (String device : List.of(d1, d8)) {
      publisher.sendAndWait(
          Topics.DEVICE_INVENTORY,
          new DeviceInventoryReport(
              MessageId.random(), seen, DeviceId.of(device), seen, VersionId.of(2), 81920));
    }
    publisher.sendAndWait(
        Topics.DEVICE_STATES,
        new DeviceStateReport(
            MessageId.random(),
            seen,
            DeviceId.of(d8),
            seen,
            new DeviceConditions(true, 0, List.of()),
            List.of("west")));
    for (List<RolloutEvent> log : List.of(finished, aborted, rejected, dryRun, running)) {
      for (RolloutEvent event : log) {
        publisher.sendAndWait(Topics.EVENTS, event);
      }
    }
    store = ProjectionStore.open(dir.resolve("live").resolve(ProjectionStore.FILE_NAME));
    projector = new Projector(kafka, store).start();
    projector.awaitCaughtUp(WAIT);

    fleet = FleetView.follow(kafka).awaitCaughtUp(WAIT);

    vertx = Vertx.vertx();
    HttpApiVerticle api =
        new HttpApiVerticle(
            0,
            TestAccess.SETTINGS,
            store.queries(),
            projector::health,
            fleet.reportedDevices(),
            publisher,
            ServiceHealth.of("coordinator")
                .readiness(
                    "projections",
                    () -> projector.health().healthy(),
                    () -> projector.health().toString()));
    result(vertx.deployVerticle(api));
    client = WebClient.create(vertx);
    port = api.actualPort();
    readers.add(
        TopicReader.fromBeginning(kafka, Topics.CONTROL, r -> control.add(r.value())).start());
    readers.add(
        TopicReader.fromBeginning(kafka, Topics.UPDATE_REQUESTS, r -> requests.add(r.value()))
            .start());
  }

  @AfterAll
  void stopEverything() throws Exception {
    readers.forEach(TopicReader::close);
    if (vertx != null) {
      result(vertx.close());
    }
    if (projector != null) {
      projector.close();
    }
    if (fleet != null) {
      fleet.close();
    }
    if (store != null) {
      store.close();
    }
    if (publisher != null) {
      publisher.close();
    }
  }

  @Test
  void theRolloutListShowsEachRolloutWithItsStatus() throws Exception {
    JsonObject body = ok(get("/rollouts"));

    Map<String, String> status = new LinkedHashMap<>();
    for (Object item : body.getJsonArray("rollouts")) {
      JsonObject rollout = (JsonObject) item;
      status.put(rollout.getString("rolloutId"), rollout.getString("status"));
    }
    assertThat(status)
        .containsEntry(id(finished), "FINISHED")
        .containsEntry(id(aborted), "ABORTED")
        .containsEntry(id(rejected), "REJECTED");
  }

  @Test
  void aRolloutShowsItsWavesAndItsDevicesCountedByStageAndByWave() throws Exception {
    JsonObject rollout = ok(get("/rollouts/" + id(finished)));

    assertThat(rollout.getString("status")).isEqualTo("FINISHED");
    assertThat(rollout.getInteger("devices")).isEqualTo(3);
    assertThat(rollout.getInteger("currentWave")).isEqualTo(2);
    assertThat(rollout.getJsonObject("outcomes").getInteger("done")).isEqualTo(2);
    assertThat(rollout.getJsonObject("outcomes").getInteger("rolledBack")).isEqualTo(1);
    assertThat(rollout.getJsonObject("byStage").getMap())
        .isEqualTo(Map.of("DONE", 2, "ROLLED_BACK", 1));
    JsonArray waves = rollout.getJsonArray("byWave");
    assertThat(waves.getJsonObject(0).getJsonObject("byStage").getMap())
        .isEqualTo(Map.of("DONE", 1));
    assertThat(waves.getJsonObject(1).getString("approvedBy")).isEqualTo("lead@example.com");
    assertThat(waves.getJsonObject(1).getJsonObject("byStage").getMap())
        .isEqualTo(Map.of("DONE", 1, "ROLLED_BACK", 1));

    JsonObject stopped = ok(get("/rollouts/" + id(aborted)));
    assertThat(stopped.getString("statusDetail")).isEqualTo("aborted by ops@example.com");
    assertThat(ok(get("/rollouts/" + id(rejected))).getJsonArray("rejectionReasons"))
        .containsExactlyElementsOf(((RolloutRejected) rejected.get(0)).reasons());
  }

  @Test
  void aDryRunShowsWhatItsRehearsalsFoundAndARealRolloutShowsNone() throws Exception {
    JsonObject dry = ok(get("/rollouts/" + id(dryRun)));

    assertThat(dry.getBoolean("dryRun")).isTrue();
    assertThat(dry.getJsonObject("rehearsal").getMap())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "devices", 3,
                "rehearsed", 2,
                "migrateMillis", 200,
                "slowestMillis", 120,
                "sizeBeforeBytes", 5_000_000,
                "sizeAfterBytes", 5_050_000,
                "sizeChangeBytes", 50_000,
                "diskNeededBytes", 10_200_000,
                "largestDiskNeededBytes", 8_200_000));
    assertThat(dry.getJsonObject("outcomes").getInteger("failed")).isEqualTo(1);
    JsonObject real = ok(get("/rollouts/" + id(finished)));
    assertThat(real.containsKey("rehearsal")).isTrue();
    assertThat(real.getValue("rehearsal")).isNull();
  }

  @Test
  void theFleetListsEachDeviceWithItsReportsItsActiveRolloutAndTheCensus() throws Exception {
    JsonObject fleet = ok(get("/devices?q=" + run));

    Map<String, JsonObject> byId = new LinkedHashMap<>();
    fleet
        .getJsonArray("devices")
        .forEach(d -> byId.put(((JsonObject) d).getString("deviceId"), (JsonObject) d));
    assertThat(byId).containsOnlyKeys(d1, d8);
    JsonObject running = byId.get(d8);
    assertThat(running.getInteger("version")).isEqualTo(2);
    assertThat(running.getLong("sizeBytes")).isEqualTo(81920L);
    assertThat(running.getJsonObject("state").getBoolean("parked")).isTrue();
    assertThat(running.getJsonArray("groups")).containsExactly("west");
    assertThat(running.getString("activeRollout")).isEqualTo(id(this.running));
    assertThat(running.getString("stage")).isEqualTo("SAFETY_CHECK");
    assertThat(running.getString("lastSeen")).isNotNull();
    JsonObject done = byId.get(d1);
    assertThat(done.getValue("state")).isNull();
    assertThat(done.getValue("activeRollout")).isNull();
    assertThat(done.getValue("stage")).isNull();
    assertThat(fleet.getJsonArray("versions").getJsonObject(0).getMap())
        .isEqualTo(Map.of("version", 2, "devices", 2));

    assertThat(ok(get("/devices?q=" + d8 + "&version=2")).getJsonArray("devices")).hasSize(1);
    assertThat(ok(get("/devices?q=" + d8 + "&version=5")).getJsonArray("devices")).isEmpty();
    problem(get("/devices?version=five"), 400, "version");
  }

  @Test
  void theDevicesOfARolloutCanBeListedByStage() throws Exception {
    JsonArray all = ok(get("/rollouts/" + id(finished) + "/devices")).getJsonArray("devices");
    JsonArray done =
        ok(get("/rollouts/" + id(finished) + "/devices?stage=DONE")).getJsonArray("devices");

    assertThat(all).hasSize(3);
    assertThat(done.stream().map(d -> ((JsonObject) d).getString("deviceId")))
        .containsExactly(d1, d2);
    JsonObject rolledBack = all.getJsonObject(2);
    assertThat(rolledBack.getString("stage")).isEqualTo("ROLLED_BACK");
    assertThat(rolledBack.getString("backupId")).isEqualTo(d3 + "-b1");
    assertThat(rolledBack.getJsonArray("reasons")).containsExactly("migrate: migrate broke");
  }

  @Test
  void aDeviceShowsItsCurrentVersionItsRolloutsAndItsHistory() throws Exception {
    JsonObject device = ok(get("/devices/" + d1));

    assertThat(device.getInteger("currentVersion")).isEqualTo(5);
    assertThat(
            device.getJsonArray("rollouts").stream().map(r -> ((JsonObject) r).getString("stage")))
        .containsExactly("DONE", "SKIPPED");
    assertThat(device.getJsonArray("history")).hasSize(9 + 1);
    assertThat(ok(get("/devices/" + d3)).getInteger("currentVersion")).isEqualTo(2);
  }

  @Test
  void theAuditOfARolloutComesInPagesInSequenceOrder() throws Exception {
    List<Long> sequences = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      JsonObject page =
          ok(
              get(
                  "/audit?rollout="
                      + id(finished)
                      + "&limit=7"
                      + (after == null ? "" : "&after=" + after)));
      page.getJsonArray("items").forEach(i -> sequences.add(((JsonObject) i).getLong("sequence")));
      after = page.getString("next");
      pages++;
    } while (after != null);

    long events = finished.size();
    assertThat(sequences).hasSize((int) events).isSorted().doesNotHaveDuplicates();
    assertThat(pages).isEqualTo((int) (events / 7 + 1));
    JsonObject first =
        ok(get("/audit?rollout=" + id(finished) + "&limit=1"))
            .getJsonArray("items")
            .getJsonObject(0);
    assertThat(first.getString("type")).isEqualTo("RolloutAccepted");
    assertThat(first.getJsonObject("event").getString("rolloutId")).isEqualTo(id(finished));
  }

  @Test
  void theAuditOfADeviceComesInPagesAcrossRolloutsInTimeOrder() throws Exception {
    List<String> rollouts = new ArrayList<>();
    String after = null;
    do {
      JsonObject page =
          ok(get("/audit?device=" + d1 + "&limit=4" + (after == null ? "" : "&after=" + after)));
      page.getJsonArray("items")
          .forEach(i -> rollouts.add(((JsonObject) i).getString("rolloutId")));
      after = page.getString("next");
    } while (after != null);

    assertThat(rollouts).hasSize(10);
    assertThat(rollouts.subList(0, 9)).containsOnly(id(finished));
    assertThat(rollouts.get(9)).isEqualTo(id(aborted));
  }

  @Test
  void badInputIsAProblemThatNamesWhatIsWrong() throws Exception {
    problem(get("/audit"), 400, null);
    problem(get("/audit?rollout=" + id(finished) + "&limit=0"), 400, "limit");
    problem(get("/audit?device=" + d1 + "&after=garbage"), 400, "after");
    problem(get("/rollouts/has%20a%20space"), 400, "id");
    problem(get("/rollouts/" + id(finished) + "/devices?stage=NOPE"), 400, "stage");
    JsonObject noTarget =
        problem(
            post(
                "/rollouts",
                "{\"rolloutId\": \"it-x\", \"migrationSet\": \"coachiq\", \"targetVersion\": 0,"
                    + " \"selector\": {\"all\": true}}"),
            400,
            "targetVersion");
    assertThat(noTarget.getString("detail")).contains("targetVersion").contains("above 0");
    problem(
        post(
            "/rollouts",
            "{\"rolloutId\": \"it-x\", \"migrationSet\": \"coachiq\", \"targetVersion\": 5,"
                + " \"selector\": {\"all\": true}, \"policy\": {\"maxInFlight\": 0}}"),
        400,
        "policy.maxInFlight");
    problem(post("/rollouts", "not json"), 400, null);
    problem(
        post("/rollouts/" + id(finished) + "/pause", "{\"requestedBy\": 5}"), 400, "requestedBy");
    problem(post("/rollouts/" + id(finished) + "/abort", "{\"reason\": \"x\"}"), 400, "reason");
    problem(post("/rollouts/" + id(finished) + "/waves/zero/approve", ""), 400, "wave");
  }

  @Test
  void unknownRolloutsDevicesAndPathsAreNotFoundProblems() throws Exception {
    problem(get("/rollouts/it-api-" + run + "-none"), 404, null);
    problem(get("/rollouts/it-api-" + run + "-none/devices"), 404, null);
    problem(get("/devices/rv-" + run + "-none"), 404, null);
    problem(post("/rollouts/it-api-" + run + "-none/pause", ""), 404, null);
    problem(get("/nowhere"), 404, null);
    problem(send(HttpMethod.DELETE, "/rollouts", null), 405, null);
  }

  @Test
  void aNewRolloutIsPublishedAndAnsweredWith202AndItsLocation() throws Exception {
    String rollout = "it-api-" + run + "-new";
    HttpResponse<Buffer> response =
        post(
            "/rollouts",
            "{\"rolloutId\": \""
                + rollout
                + "\", \"migrationSet\": \"coachiq\", \"targetVersion\": 5,"
                + " \"selector\": {\"devices\": [\""
                + d1
                + "\"]}, \"requestedBy\": \"it@example.com\"}");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.getHeader("Location")).isEqualTo("/rollouts/" + rollout);
    assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo("UpdateRequest");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(requests)
                    .anySatisfy(
                        r -> {
                          assertThat(r.rolloutId().value()).isEqualTo(rollout);
                          assertThat(r.requestedBy()).isEqualTo(caller);
                        }));
  }

  @Test
  void aRestoreOfADeviceIsPublishedAsARestoreRequestWith202AndItsRollout() throws Exception {
    String device = "rv-restore-" + run;
    HttpResponse<Buffer> named =
        post(
            "/devices/" + device + "/restore",
            "{\"backupId\": \"" + device + "-0a1b2c3d4e5f\", \"requestedBy\": \"it@example.com\"}");
    HttpResponse<Buffer> newest = post("/devices/" + device + "/restore", "");

    assertThat(named.statusCode()).as(named.bodyAsString()).isEqualTo(202);
    String rollout = named.bodyAsJsonObject().getString("rolloutId");
    assertThat(rollout).startsWith("restore-" + device + "-");
    assertThat(named.getHeader("Location")).isEqualTo("/rollouts/" + rollout);
    assertThat(named.bodyAsJsonObject().getString("type")).isEqualTo("RestoreRequest");
    assertThat(newest.statusCode()).as(newest.bodyAsString()).isEqualTo(202);
    String other = newest.bodyAsJsonObject().getString("rolloutId");
    assertThat(other).isNotEqualTo(rollout);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(requests)
                  .anySatisfy(
                      r -> {
                        assertThat(r.rolloutId().value()).isEqualTo(rollout);
                        RestoreRequest restore = (RestoreRequest) r;
                        assertThat(restore.deviceId().value()).isEqualTo(device);
                        assertThat(restore.backupId().value()).isEqualTo(device + "-0a1b2c3d4e5f");
                        assertThat(restore.requestedBy()).isEqualTo(caller);
                      });
              assertThat(requests)
                  .anySatisfy(
                      r -> {
                        assertThat(r.rolloutId().value()).isEqualTo(other);
                        assertThat(((RestoreRequest) r).backupId()).isNull();
                      });
            });
  }

  @Test
  void aRestoreWithAMisspeltOrBadFieldIsA400NamingItAndPublishesNothing() throws Exception {
    String device = "rv-bad-restore-" + run;

    problem(post("/devices/" + device + "/restore", "{\"backup\": \"x\"}"), 400, "backup");
    problem(
        post("/devices/" + device + "/restore", "{\"deviceId\": \"rv-other\"}"), 400, "deviceId");
    problem(
        post("/devices/" + device + "/restore", "{\"backupId\": \"../../etc\"}"), 400, "backupId");
    problem(
        post("/devices/" + device + "/restore", "{\"policy\": {\"waves\": [100]}}"),
        400,
        "policy.waves");
    problem(post("/devices/" + device + "/restore", "[1]"), 400, null);

    // An absence: it must hold for a while, not only at one instant.
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(requests)
                    .noneSatisfy(
                        r ->
                            assertThat(r)
                                .isInstanceOfSatisfying(
                                    RestoreRequest.class,
                                    restore ->
                                        assertThat(restore.deviceId().value()).isEqualTo(device))));
  }

  @Test
  void controlRequestsArePublishedOnTheControlTopicWith202() throws Exception {
    HttpResponse<Buffer> paused =
        post("/rollouts/" + id(aborted) + "/pause", "{\"requestedBy\": \"it-" + run + "\"}");
    HttpResponse<Buffer> approved = post("/rollouts/" + id(finished) + "/waves/2/approve", "");

    assertThat(paused.statusCode()).isEqualTo(202);
    assertThat(paused.getHeader("Location")).isEqualTo("/rollouts/" + id(aborted));
    assertThat(approved.statusCode()).isEqualTo(202);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(control)
                  .anySatisfy(
                      c -> {
                        assertThat(c).isInstanceOf(PauseRollout.class);
                        assertThat(c.rolloutId().value()).isEqualTo(id(aborted));
                        assertThat(c.requestedBy()).isEqualTo(caller);
                      });
              assertThat(control)
                  .anySatisfy(
                      c -> {
                        assertThat(c).isInstanceOf(ApproveWave.class);
                        assertThat(c.rolloutId().value()).isEqualTo(id(finished));
                        assertThat(((ApproveWave) c).wave()).isEqualTo(2);
                      });
            });
  }

  @Test
  void healthIsUpWhileTheProjectorFollowsTheLog() throws Exception {
    JsonObject health = ok(get("/health"));

    assertThat(health.getString("status")).isEqualTo("UP");
    assertThat(health.getJsonObject("projection").getLong("eventsApplied"))
        .isGreaterThanOrEqualTo(finished.size() + aborted.size() + 1L);
  }

  /**
   * Hundreds of requests no client should send, from a seed (set {@code -Dflotilla.fuzz.seed} to
   * replay one): each is answered within seconds, never with a 5xx, and each refusal is a
   * problem+json naming its status.
   */
  @Test
  void malformedRequestsAreAnsweredWithProblemsNeverA5xxOrAHang() throws Exception {
    long seed = Long.getLong("flotilla.fuzz.seed", System.nanoTime());
    System.out.println("CoordinatorApiIT fuzz seed: " + seed);
    Map<Integer, Integer> statuses = new java.util.TreeMap<>();
    List<String> authorizations =
        List.of(
            authorization,
            authorization,
            "Bearer not-a-token",
            "Basic YWxpY2U6c2VjcmV0",
            "Bearer " + "x".repeat(6_000),
            "Bearer",
            "");
    int sent = 0;
    for (MalformedRequests.Request request : MalformedRequests.generate(seed, 400)) {
      var call = client.request(request.method(), port, "127.0.0.1", request.uri());
      String credentials = authorizations.get(sent++ % authorizations.size());
      if (!credentials.isEmpty()) {
        call.putHeader("Authorization", credentials);
      }
      HttpResponse<Buffer> response;
      try {
        response =
            (request.body() == null ? call.send() : call.sendBuffer(Buffer.buffer(request.body())))
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new AssertionError("seed " + seed + ": no answer within 10 s to " + request, e);
      }
      statuses.merge(response.statusCode(), 1, Integer::sum);
      assertThat(response.statusCode()).as("seed %d: %s", seed, request).isLessThan(500);
      if (response.statusCode() >= 400) {
        assertThat(response.getHeader("Content-Type"))
            .as(
                "seed %d: %s answered %d %s",
                seed, request, response.statusCode(), response.bodyAsString())
            .isEqualTo("application/problem+json");
        assertThat(response.bodyAsJsonObject().getInteger("status"))
            .as("seed %d: %s", seed, request)
            .isEqualTo(response.statusCode());
      }
    }
    System.out.println("CoordinatorApiIT fuzz answers by status: " + statuses);
    assertThat(statuses.keySet()).anyMatch(status -> status >= 400);
    // Still serving as before.
    assertThat(ok(get("/health")).getString("status")).isEqualTo("UP");
  }

  /**
   * Every route of the API, asked by every kind of caller, answers as this table says: open routes
   * to anyone, reads to every role, each command to its roles, what is not declared to
   * administrators only; a missing, expired or forged token is a 401 wherever a token is needed.
   */
  @Test
  void everyRouteAnswersEveryKindOfCallerAsTheAuthorizationTableSays() throws Exception {
    String table =
        """
        route                                   anonymous viewer operator approver admin expired forged
        GET /health                             200 200 200 200 200 200 200
        GET /health/live                        200 200 200 200 200 200 200
        GET /health/ready                       200 200 200 200 200 200 200
        GET /metrics                            200 200 200 200 200 200 200
        GET /rollouts                           401 200 200 200 200 401 401
        GET /rollouts/{rollout}                 401 200 200 200 200 401 401
        GET /rollouts/{rollout}/devices         401 200 200 200 200 401 401
        GET /devices                            401 200 200 200 200 401 401
        GET /devices/{device}                   401 200 200 200 200 401 401
        GET /audit?rollout={rollout}            401 200 200 200 200 401 401
        POST /rollouts                          401 403 202 403 202 401 401
        POST /rollouts/{rollout}/pause          401 403 202 403 202 401 401
        POST /rollouts/{rollout}/resume         401 403 202 403 202 401 401
        POST /rollouts/{rollout}/waves/2/approve 401 403 403 202 202 401 401
        POST /rollouts/{rollout}/abort          401 403 403 403 202 401 401
        POST /devices/{device}/restore          401 403 403 403 202 401 401
        POST /tokens                            401 403 403 403 201 401 401
        GET /nowhere                            401 403 403 403 404 401 401
        DELETE /rollouts                        401 403 403 403 405 401 401
        PUT /rollouts/{rollout}                 401 403 403 403 405 401 401
        """;
    AtomicInteger created = new AtomicInteger();
    List<String> mismatches =
        AuthorizationTable.mismatches(
            table,
            (method, route, authorization) -> {
              String path = route.replace("{rollout}", id(finished)).replace("{device}", d1);
              String body =
                  switch (method + " " + path) {
                    case "POST /rollouts" ->
                        "{\"rolloutId\": \"it-table-"
                            + run
                            + "-"
                            + created.incrementAndGet()
                            + "\", \"migrationSet\": \"coachiq\", \"targetVersion\": 5,"
                            + " \"selector\": {\"devices\": [\""
                            + d1
                            + "\"]}}";
                    case "POST /tokens" -> "{\"name\": \"table-token\", \"roles\": [\"viewer\"]}";
                    default -> method.equals("POST") ? "" : null;
                  };
              var request = client.request(HttpMethod.valueOf(method), port, "127.0.0.1", path);
              if (authorization != null) {
                request.putHeader("Authorization", authorization);
              }
              HttpResponse<Buffer> response =
                  result(body == null ? request.send() : request.sendBuffer(Buffer.buffer(body)));
              return new AuthorizationTable.Answer(
                  response.statusCode(),
                  response.getHeader("Content-Type"),
                  response.getHeader("WWW-Authenticate"),
                  response.bodyAsString());
            });
    assertThat(mismatches).isEmpty();
  }

  @Test
  void anAdministratorIssuesATokenThatGrantsItsRolesAndNoMore() throws Exception {
    HttpResponse<Buffer> issued =
        post(
            "/tokens",
            "{\"name\": \"wall-" + run + "\", \"roles\": [\"viewer\"], \"ttlSeconds\": 600}");

    assertThat(issued.statusCode()).as(issued.bodyAsString()).isEqualTo(201);
    assertThat(issued.getHeader("Cache-Control")).isEqualTo("no-store");
    JsonObject token = issued.bodyAsJsonObject();
    assertThat(token.getString("name")).isEqualTo("wall-" + run);
    assertThat(token.getJsonArray("roles").stream().toList()).containsExactly("viewer");
    assertThat(Instant.parse(token.getString("expiresAt")))
        .isBetween(Instant.now().plusSeconds(540), Instant.now().plusSeconds(601));
    String bearer = TestAccess.bearer(token.getString("token"));
    var read = client.request(HttpMethod.GET, port, "127.0.0.1", "/rollouts");
    assertThat(result(read.putHeader("Authorization", bearer).send()).statusCode()).isEqualTo(200);
    var create =
        client.request(HttpMethod.POST, port, "127.0.0.1", "/rollouts/" + id(finished) + "/pause");
    assertThat(result(create.putHeader("Authorization", bearer).send()).statusCode())
        .isEqualTo(403);

    problem(post("/tokens", "{\"name\": \"x\", \"roles\": [\"root\"]}"), 400, "roles");
    problem(
        post("/tokens", "{\"name\": \"x\", \"roles\": [\"viewer\"], \"expires\": 1}"),
        400,
        "expires");
    problem(post("/tokens", "{\"name\": \"has space\", \"roles\": [\"viewer\"]}"), 400, null);
  }

  @Test
  void withAccessControlOffTheBodyNamesTheRequesterAsBeforeWithinItsBounds() throws Exception {
    HttpApiVerticle open =
        new HttpApiVerticle(
            0,
            AccessSettings.OFF,
            store.queries(),
            projector::health,
            fleet.reportedDevices(),
            publisher,
            ServiceHealth.of("coordinator"));
    String deployment = result(vertx.deployVerticle(open));
    try {
      String pause = "/rollouts/" + id(aborted) + "/pause";
      HttpResponse<Buffer> named =
          result(
              client
                  .post(open.actualPort(), "127.0.0.1", pause)
                  .sendBuffer(Buffer.buffer("{\"requestedBy\": \"lead-" + run + "\"}")));
      HttpResponse<Buffer> overlong =
          result(
              client
                  .post(open.actualPort(), "127.0.0.1", pause)
                  .sendBuffer(Buffer.buffer("{\"requestedBy\": \"" + "w".repeat(257) + "\"}")));

      assertThat(named.statusCode()).as(named.bodyAsString()).isEqualTo(202);
      assertThat(named.bodyAsJsonObject().getString("requestedBy")).isEqualTo("lead-" + run);
      problem(overlong, 400, "requestedBy");
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(control)
                      .anySatisfy(c -> assertThat(c.requestedBy()).isEqualTo("lead-" + run)));
    } finally {
      result(vertx.undeploy(deployment));
    }
  }

  @Test
  void probesSayLiveAndReadyAndMetricsCountTheRolloutsByStatusForPrometheus() throws Exception {
    JsonObject ready = ok(get("/health/ready"));
    assertThat(ready.getString("service")).isEqualTo("coordinator");
    assertThat(ready.getBoolean("ready")).isTrue();
    assertThat(ready.getJsonArray("checks").getJsonObject(0).getString("name"))
        .isEqualTo("projections");
    assertThat(ok(get("/health/live")).getBoolean("live")).isTrue();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              HttpResponse<Buffer> metrics = get("/metrics");
              assertThat(metrics.statusCode()).isEqualTo(200);
              assertThat(metrics.getHeader("Content-Type")).startsWith("text/plain");
              assertThat(metrics.bodyAsString())
                  .contains("flotilla_rollouts{status=\"FINISHED\"}")
                  .contains("jvm_memory_used_bytes");
            });
  }

  @Test
  void rebuildingFromTheLogGivesTheLiveProjectionRowForRow() throws Exception {
    Path rebuiltFile = dir.resolve("rebuilt").resolve(ProjectionStore.FILE_NAME);

    RebuildReport report = Projector.rebuild(kafka, rebuiltFile, WAIT);
    projector.awaitCaughtUp(WAIT);

    assertThat(report.events()).isGreaterThanOrEqualTo(finished.size() + aborted.size() + 1L);
    assertThat(report.rollouts()).isGreaterThanOrEqualTo(3);
    Map<String, List<List<Object>>> live = dump(store.file());
    Map<String, List<List<Object>>> rebuilt = dump(rebuiltFile);
    assertThat(live.get("audit_log")).hasSizeGreaterThanOrEqualTo((int) report.events());
    assertThat(live.get("rollout_devices")).isNotEmpty();
    assertThat(rebuilt).isEqualTo(live);
    assertThat(report.offsets()).isEqualTo(store.appliedOffsets());
  }

  /** Every row of every table, in primary-key order. */
  private static Map<String, List<List<Object>>> dump(Path file) throws SQLException {
    Map<String, String> tables =
        Map.of(
            "rollouts", "rollout_id",
            "rollout_waves", "rollout_id, wave",
            "rollout_devices", "rollout_id, device_id",
            "rehearsals", "rollout_id, device_id",
            "device_history", "rollout_id, sequence",
            "audit_log", "rollout_id, sequence",
            "applied_offsets", "events_partition");
    Map<String, List<List<Object>>> rows = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      for (Map.Entry<String, String> table : tables.entrySet()) {
        List<List<Object>> content = new ArrayList<>();
        try (ResultSet rs =
            s.executeQuery("SELECT * FROM " + table.getKey() + " ORDER BY " + table.getValue())) {
          ResultSetMetaData meta = rs.getMetaData();
          while (rs.next()) {
            List<Object> row = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
              row.add(rs.getObject(i));
            }
            content.add(row);
          }
        }
        rows.put(table.getKey(), content);
      }
    }
    return rows;
  }

  private static String id(List<RolloutEvent> log) {
    return log.get(0).rolloutId().value();
  }

  private HttpResponse<Buffer> get(String uri) throws Exception {
    return send(HttpMethod.GET, uri, null);
  }

  private HttpResponse<Buffer> post(String uri, String body) throws Exception {
    return send(HttpMethod.POST, uri, body);
  }

  private HttpResponse<Buffer> send(HttpMethod method, String uri, String body) throws Exception {
    var request = client.request(method, port, "127.0.0.1", uri);
    request.putHeader("Authorization", authorization);
    return result(body == null ? request.send() : request.sendBuffer(Buffer.buffer(body)));
  }

  private static JsonObject ok(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("application/json");
    return response.bodyAsJsonObject();
  }

  private static JsonObject problem(HttpResponse<Buffer> response, int status, String field) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("type")).isEqualTo("about:blank");
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("detail")).isNotBlank();
    assertThat(problem.getString("field")).isEqualTo(field);
    return problem;
  }

  private static <T> T result(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
