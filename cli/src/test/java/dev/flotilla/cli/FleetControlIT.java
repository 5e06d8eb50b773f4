package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.control.AbortRollout;
import dev.flotilla.contracts.control.ApproveWave;
import dev.flotilla.contracts.control.ControlCommand;
import dev.flotilla.contracts.control.PauseRollout;
import dev.flotilla.contracts.control.ResumeRollout;
import dev.flotilla.contracts.device.DeviceConditions;
import dev.flotilla.contracts.device.DeviceStateReport;
import dev.flotilla.contracts.event.DeviceDeferred;
import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.RolloutAborted;
import dev.flotilla.contracts.event.RolloutFinished;
import dev.flotilla.contracts.event.RolloutHalted;
import dev.flotilla.contracts.event.RolloutPaused;
import dev.flotilla.contracts.event.StepDispatched;
import dev.flotilla.contracts.event.WaveAwaitingApproval;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.Approval;
import dev.flotilla.contracts.request.OnThreshold;
import dev.flotilla.contracts.request.RolloutPolicy;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.devicedb.history.AppliedMigration;
import dev.flotilla.devicedb.history.SchemaHistory;
import dev.flotilla.devicedb.history.ScriptChecksum;
import dev.flotilla.devkit.DemoFleet;
import dev.flotilla.testsupport.DeviceFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fleet rollout control end to end: waves with approval, pause/resume/abort, a failure threshold
 * halting a rollout whose migration fails on some devices' data, a dry run, and a deferred device —
 * the services as separate processes, a real broker, real SQLite files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetControlIT {
  private static final MigrationSetId COACHIQ = MigrationSetId.of("coachiq");
  private static final MigrationSetId PARTS = MigrationSetId.of("parts");

  /** The parts set with a pre-flight probe that finds the duplicates before anything is touched. */
  private static final MigrationSetId PROBED_PARTS = MigrationSetId.of("parts-probed");

  private static final Duration LONG = Duration.ofMinutes(2);
  private static final String PARTS_V1 =
      "CREATE TABLE IF NOT EXISTS parts (id INTEGER PRIMARY KEY, serial TEXT NOT NULL,"
          + " name TEXT NOT NULL);\n";

  @TempDir static Path work;
  private RunningSuite suite;
  private List<DeviceId> coachiq;

  @BeforeAll
  void startTheSuite() throws Exception {
    suite = RunningSuite.in(work);
    coachiq = DemoFleet.generate(suite.fleet(), 16, 11);
    for (int i = 1; i <= 7; i++) {
      // f-02, f-03 and f-06 hold duplicate serials: a UNIQUE index fails on their data.
      createPartsDevice(DeviceId.of("f-0" + i), i == 2 || i == 3 || i == 6);
    }
    suite.push(COACHIQ, DemoFleet.sampleMigrations(work.resolve("migrations")));
    suite.push(PARTS, writePartsSet());
    suite.push(PROBED_PARTS, writeProbedPartsSet());
    // The last demo device is driving when the workers start; it parks later in a test.
    report(coachiq.get(13), false);

    suite.startServices();
    awaitInventory();
  }

  @AfterAll
  void stopTheSuite() {
    if (suite != null) {
      suite.close();
    }
  }

  @Test
  void theNextWaveWaitsForApprovalAndThenCompletes() throws Exception {
    List<DeviceId> devices = coachiq.subList(0, 4);
    RolloutId rollout =
        start(
            COACHIQ,
            devices,
            policy(4).withWaves(List.of(25, 100)).withApproval(Approval.BETWEEN_WAVES));

    await().atMost(LONG).until(() -> suite.has(rollout, WaveAwaitingApproval.class));
    assertThat(suite.finishes(rollout)).hasSize(1);
    for (DeviceId waiting : devices.subList(1, 4)) {
      assertThat(suite.stepsFor(rollout, waiting)).isEmpty();
      assertThat(DeviceFiles.version(db(waiting))).isEqualTo(2);
    }

    control(new ApproveWave(rollout, 2, "it", MessageId.random(), Instant.now()));

    RolloutFinished finished = awaitFinished(rollout);
    assertThat(finished.counts().done()).isEqualTo(4);
    for (DeviceId device : devices) {
      assertThat(DeviceFiles.version(db(device))).isEqualTo(5);
    }
  }

  @Test
  void pauseHoldsNewDevicesResumeContinuesAndAbortSkipsTheRest() throws Exception {
    List<DeviceId> devices = coachiq.subList(4, 10);
    RolloutId rollout = start(COACHIQ, devices, policy(1));
    await().atMost(LONG).until(() -> suite.finishes(rollout).size() >= 1);

    control(new PauseRollout(rollout, "it", MessageId.random(), Instant.now()));
    await().atMost(LONG).until(() -> suite.has(rollout, RolloutPaused.class));
    // The device in flight when the pause came finishes; after that nothing starts.
    await().atMost(LONG).until(() -> suite.finishes(rollout).size() == startedDevices(rollout));
    int startedWhilePaused = startedDevices(rollout);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> startedDevices(rollout) == startedWhilePaused);

    control(new ResumeRollout(rollout, "it", MessageId.random(), Instant.now()));
    await().atMost(LONG).until(() -> startedDevices(rollout) > startedWhilePaused);
    control(new AbortRollout(rollout, "it", MessageId.random(), Instant.now()));

    RolloutFinished finished = awaitFinished(rollout);
    assertThat(suite.has(rollout, RolloutAborted.class)).isTrue();
    assertThat(finished.counts().total()).isEqualTo(devices.size());
    assertThat(finished.counts().skipped()).isPositive();
    for (DeviceFinished end : suite.finishes(rollout)) {
      int expected = end.outcome() == DeviceOutcome.DONE ? 5 : 2;
      assertThat(DeviceFiles.version(db(end.deviceId()))).isEqualTo(expected);
    }
  }

  @Test
  void theThresholdHaltsARolloutWhoseMigrationFailsOnSomeDevicesAndTheirDataIsIntact()
      throws Exception {
    List<DeviceId> devices =
        List.of(
            DeviceId.of("f-01"),
            DeviceId.of("f-02"),
            DeviceId.of("f-03"),
            DeviceId.of("f-04"),
            DeviceId.of("f-05"));
    Map<DeviceId, List<String>> before = new TreeMap<>();
    for (DeviceId device : devices) {
      before.put(device, SqlDump.of(db(device)));
    }
    RolloutId rollout =
        start(PARTS, 2, devices, policy(1).withFailureThreshold(0.3, OnThreshold.HALT));

    await().atMost(LONG).until(() -> suite.has(rollout, RolloutHalted.class));
    await().atMost(LONG).until(() -> suite.finishes(rollout).size() == startedDevices(rollout));
    DeviceFinished failed = suite.finishOf(rollout, DeviceId.of("f-02"));
    assertThat(failed.outcome()).isEqualTo(DeviceOutcome.ROLLED_BACK);
    assertThat(String.join(" ", failed.reasons())).contains("UNIQUE");
    assertThat(SqlDump.of(db(DeviceId.of("f-02")))).isEqualTo(before.get(DeviceId.of("f-02")));
    assertThat(suite.stepsFor(rollout, DeviceId.of("f-03"))).isEmpty();

    control(new AbortRollout(rollout, "it", MessageId.random(), Instant.now()));
    RolloutFinished finished = awaitFinished(rollout);
    assertThat(finished.counts().done()).isEqualTo(1);
    assertThat(finished.counts().rolledBack()).isEqualTo(1);
    assertThat(finished.counts().skipped()).isEqualTo(3);
    for (DeviceId untouched : devices.subList(2, 5)) {
      assertThat(SqlDump.of(db(untouched))).isEqualTo(before.get(untouched));
    }
  }

  @Test
  void aDryRunLeavesEveryDatabaseByteIdentical() throws Exception {
    List<DeviceId> devices = coachiq.subList(10, 13);
    Map<DeviceId, String> before = hashes(devices);

    RolloutId rollout = start(COACHIQ, devices, policy(3).withDryRun(true));

    RolloutFinished finished = awaitFinished(rollout);
    assertThat(finished.counts().done()).isEqualTo(devices.size());
    assertThat(suite.finishes(rollout))
        .allSatisfy(f -> assertThat(String.join(" ", f.reasons())).contains("dry run"));
    assertThat(hashes(devices)).isEqualTo(before);
    for (DeviceId device : devices) {
      assertThat(suite.stepsFor(rollout, device)).doesNotContain(Step.BACKUP);
    }
  }

  @Test
  void aDeferredDeviceCompletesOnceItIsSafe() throws Exception {
    DeviceId driving = coachiq.get(13);
    RolloutId rollout = start(COACHIQ, List.of(driving), policy(1).withSafetyRetry(1, 600));

    await().atMost(LONG).until(() -> suite.has(rollout, DeviceDeferred.class));
    assertThat(DeviceFiles.version(db(driving))).isEqualTo(2);
    report(driving, true);

    RolloutFinished finished = awaitFinished(rollout);
    assertThat(finished.counts().done()).isEqualTo(1);
    assertThat(DeviceFiles.version(db(driving))).isEqualTo(5);
  }

  @Test
  void aDriftedDatabaseIsSkippedUntouchedWhileItsHealthyPeerIsMigrated() throws Exception {
    DeviceId drifted = coachiq.get(14);
    DeviceId healthy = coachiq.get(15);
    // Someone changed V2 on this device by hand: its recorded checksum is no longer the set's.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db(drifted));
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "UPDATE flotilla_schema_history SET checksum = '"
              + "0".repeat(64)
              + "' WHERE version = 2");
    }
    Map<DeviceId, String> before = hashes(List.of(drifted));

    RolloutId rollout = start(COACHIQ, List.of(drifted, healthy), policy(2));

    RolloutFinished finished = awaitFinished(rollout);
    assertThat(finished.counts().done()).isEqualTo(1);
    assertThat(finished.counts().skipped()).isEqualTo(1);
    DeviceFinished skipped = suite.finishOf(rollout, drifted);
    assertThat(skipped.outcome()).isEqualTo(DeviceOutcome.SKIPPED);
    assertThat(String.join(" ", skipped.reasons())).contains("drift");
    assertThat(suite.stepsFor(rollout, drifted)).containsExactly(Step.SAFETY_CHECK);
    assertThat(hashes(List.of(drifted))).isEqualTo(before);
    assertThat(DeviceFiles.version(db(healthy))).isEqualTo(5);
  }

  @Test
  void aPreFlightProbeSkipsTheDeviceWhoseDataTheMigrationWouldFailOnBeforeAnyBackup()
      throws Exception {
    DeviceId duplicates = DeviceId.of("f-06");
    DeviceId clean = DeviceId.of("f-07");
    Map<DeviceId, String> before = hashes(List.of(duplicates));

    RolloutId rollout = start(PROBED_PARTS, 2, List.of(duplicates, clean), policy(2));

    RolloutFinished finished = awaitFinished(rollout);
    assertThat(finished.counts().done()).isEqualTo(1);
    assertThat(finished.counts().skipped()).isEqualTo(1);
    DeviceFinished skipped = suite.finishOf(rollout, duplicates);
    assertThat(String.join(" ", skipped.reasons()))
        .contains("preflight-failed")
        .contains("P2 (unique serials) returned 1 row")
        .contains("serial=SN-0003");
    assertThat(suite.stepsFor(rollout, duplicates)).containsExactly(Step.SAFETY_CHECK);
    assertThat(hashes(List.of(duplicates))).isEqualTo(before);
    assertThat(DeviceFiles.version(db(clean))).isEqualTo(2);
  }

  private static RolloutPolicy policy(int maxInFlight) {
    return RolloutPolicy.DEFAULT.withMaxInFlight(maxInFlight).withStepTimeoutSeconds(120);
  }

  private RolloutId start(MigrationSetId set, List<DeviceId> devices, RolloutPolicy policy) {
    return start(set, 5, devices, policy);
  }

  private RolloutId start(
      MigrationSetId set, int target, List<DeviceId> devices, RolloutPolicy policy) {
    return suite.start("it", set, target, devices, policy);
  }

  private void control(ControlCommand command) {
    suite.send(Topics.CONTROL, command);
  }

  private void report(DeviceId device, boolean parked) {
    Instant now = Instant.now();
    suite.send(
        Topics.DEVICE_STATES,
        new DeviceStateReport(
            MessageId.random(),
            now,
            device,
            now,
            new DeviceConditions(parked, 0, List.of()),
            List.of()));
  }

  /** Devices whose saga has begun (a safety check was sent, or it ended). */
  private int startedDevices(RolloutId rollout) {
    return (int)
        suite.eventsOf(rollout).stream()
            .filter(StepDispatched.class::isInstance)
            .map(e -> ((StepDispatched) e).command().deviceId())
            .distinct()
            .count();
  }

  private RolloutFinished awaitFinished(RolloutId rollout) {
    return suite.awaitFinished(rollout, LONG);
  }

  private Path db(DeviceId device) {
    return suite.db(device);
  }

  private Map<DeviceId, String> hashes(List<DeviceId> devices) throws Exception {
    Map<DeviceId, String> hashes = new TreeMap<>();
    for (DeviceId device : devices) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String suffix : List.of("", "-wal")) {
        Path file = suite.fleet().resolve(device.value() + ".db" + suffix);
        if (Files.exists(file)) {
          sha.update(Files.readAllBytes(file));
        }
      }
      hashes.put(device, HexFormat.of().formatHex(sha.digest()));
    }
    return hashes;
  }

  private void awaitInventory() {
    List<DeviceId> expected = new ArrayList<>(coachiq);
    for (int i = 1; i <= 7; i++) {
      expected.add(DeviceId.of("f-0" + i));
    }
    suite.awaitInventoryOf(expected, LONG);
  }

  private Path writeProbedPartsSet() throws Exception {
    Path dir = Files.createDirectories(work.resolve("parts-probed-set"));
    try (var files = Files.list(writePartsSet())) {
      for (Path file : files.toList()) {
        Files.copy(file, dir.resolve(file.getFileName()));
      }
    }
    Files.writeString(
        dir.resolve("P2__unique_serials.sql"),
        "SELECT serial, count(*) AS parts FROM parts GROUP BY serial HAVING count(*) > 1;\n");
    return dir;
  }

  private Path writePartsSet() throws Exception {
    Path dir = Files.createDirectories(work.resolve("parts-set"));
    Files.writeString(dir.resolve("V1__baseline.sql"), PARTS_V1);
    Files.writeString(
        dir.resolve("V2__unique_serials.sql"),
        "CREATE UNIQUE INDEX parts_serial ON parts (serial);\n");
    Files.writeString(dir.resolve("U2__unique_serials.sql"), "DROP INDEX parts_serial;\n");
    return dir;
  }

  /** A device at version 1 of the parts set, provisioned as the application would. */
  private void createPartsDevice(DeviceId device, boolean duplicateSerials) throws Exception {
    Files.createDirectories(suite.fleet());
    String checksum = ScriptChecksum.of(PARTS_V1.getBytes(StandardCharsets.UTF_8));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db(device));
        Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.executeUpdate(PARTS_V1);
      SchemaHistory.record(
          c,
          new AppliedMigration(
              VersionId.of(1), "baseline", checksum, "2026-01-01T00:00:00Z", 0, null));
      try (PreparedStatement insert =
          c.prepareStatement("INSERT INTO parts (serial, name) VALUES (?, ?)")) {
        for (int i = 0; i < 50; i++) {
          insert.setString(
              1, duplicateSerials && i == 7 ? "SN-0003" : "SN-" + String.format("%04d", i));
          insert.setString(2, "part " + i);
          insert.executeUpdate();
        }
      }
    }
  }
}
