package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.RestoreBackup;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.RolloutAccepted;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.event.RolloutFinished;
import dev.flotilla.contracts.event.StepCompleted;
import dev.flotilla.contracts.event.StepDispatched;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.reply.Restored;
import dev.flotilla.contracts.request.RolloutPolicy;
import dev.flotilla.testsupport.DeviceFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restoring a device by hand, end to end: a chat application's fleet ({@link ChatFleet}: foreign
 * keys, cascades, a trigger, thousands of rows) migrated by the services as processes on a real
 * broker; the application writes on one device; {@code flotilla backups restore} puts its
 * pre-migration backup back through the coordinator's API, as a saga on the event log. The device
 * then holds the backup's rows exactly, the fresh backup the saga took holds what the application
 * wrote, and the events name both. A backup the device does not have changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestoreByHandIT {
  private static final MigrationSetId CHAT = MigrationSetId.of("chat-restore");
  private static final Duration LONG = Duration.ofMinutes(2);

  /** V2 adds a column, as applications' migrations mostly do. */
  private static final String V2 = "ALTER TABLE messages ADD COLUMN edited_at TEXT;\n";

  @TempDir static Path work;
  private RunningSuite suite;
  private String api;
  private List<DeviceId> devices;
  private RolloutId migration;

  @BeforeAll
  void migrateASmallFleet() throws Exception {
    suite = RunningSuite.in(work);
    var scripts =
        suite.push(
            CHAT,
            ChatFleet.writeSet(
                work.resolve("sets").resolve("chat"), Map.of("V2__edited_messages.sql", V2)));
    devices =
        IntStream.rangeClosed(1, 3).mapToObj(i -> DeviceId.of("rbh-%02d".formatted(i))).toList();
    ChatFleet.generate(suite.fleet(), devices, ChatFleet.v1Of(scripts), 20261206);

    suite.startMigrationWorker("a");
    suite.startBackupWorker();
    api = suite.startCoordinatorWithApi("a");
    suite.readEvents();
    suite.awaitInventoryOf(devices, LONG);
    awaitApi();

    migration =
        suite.start("it-rbh", CHAT, 2, devices, RolloutPolicy.DEFAULT.withStepTimeoutSeconds(60));
    RolloutFinished finished = suite.awaitFinished(migration, LONG);
    assertThat(finished.counts().done()).as("%s", suite.finishes(migration)).isEqualTo(3);
  }

  @AfterAll
  void stopTheSuite() {
    if (suite != null) {
      suite.close();
    }
  }

  @Test
  void aDeviceRestoredToItsPreMigrationBackupHoldsItsRowsAndTheFreshBackupKeepsWhatWasWritten()
      throws Exception {
    DeviceId device = devices.get(0);
    Path db = suite.db(device);
    BackupId preMigration = suite.finishOf(migration, device).backupId();
    Path preMigrationFile = backupFile(device, preMigration);
    writeAsTheApplication(db, 40);
    String written = DeviceFiles.dump(ChatFleet.readOnly(db));
    assertThat(DeviceFiles.differences(ChatFleet.readOnly(db), preMigrationFile))
        .as("the device moved on since its backup")
        .isNotEmpty();

    // The token names who asks: what --requested-by says is not taken at its word.
    var restore =
        suite.flotillaAs(
            "ops@example.com",
            "backups",
            "restore",
            device.value(),
            preMigration.value(),
            "--api",
            api,
            "--requested-by",
            "somebody-else");

    assertThat(restore.exitCode()).as(restore.output()).isZero();
    List<RolloutEvent> log = restoreOf(restore);
    DeviceFinished finished = RunningSuite.finishOf(log, device);
    BackupId fresh = finished.backupId();
    assertThat(finished.outcome()).isEqualTo(DeviceOutcome.DONE);
    assertThat(finished.version()).isEqualTo(VersionId.of(1));
    assertThat(restore.output())
        .contains("Restored " + device + " from backup " + preMigration)
        .contains("the device is at version 1")
        .contains("The database it replaced is kept in backup " + fresh);

    // The device's rows are the backup's, every one of them, in every table.
    assertThat(DeviceFiles.differences(ChatFleet.readOnly(db), preMigrationFile)).isEmpty();
    assertThat(DeviceFiles.dump(ChatFleet.readOnly(db)))
        .isEqualTo(DeviceFiles.dump(ChatFleet.readOnly(preMigrationFile)));
    assertThat(DeviceFiles.version(ChatFleet.readOnly(db))).isEqualTo(1);
    assertThat(DeviceFiles.integrityCheck(ChatFleet.readOnly(db))).containsExactly("ok");
    // What the application wrote since is in the fresh backup, row for row.
    assertThat(fresh).isNotEqualTo(preMigration);
    assertThat(DeviceFiles.dump(ChatFleet.readOnly(backupFile(device, fresh)))).isEqualTo(written);
    assertThat(
            DeviceFiles.count(
                ChatFleet.readOnly(backupFile(device, fresh)),
                "SELECT count(*) FROM messages WHERE body LIKE 'written by hand %'"))
        .isEqualTo(40);

    // Every step is on the log, and the events name both backups.
    RolloutAccepted accepted = (RolloutAccepted) log.get(0);
    assertThat(accepted.requestedBy()).isEqualTo("ops@example.com");
    assertThat(accepted.restore().backupId()).isEqualTo(preMigration);
    assertThat(RunningSuite.stepsOf(log, device))
        .containsExactly(Step.SAFETY_CHECK, Step.BACKUP, Step.RESTORE);
    RestoreBackup command =
        log.stream()
            .filter(StepDispatched.class::isInstance)
            .map(e -> ((StepDispatched) e).command())
            .filter(RestoreBackup.class::isInstance)
            .map(RestoreBackup.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(command.backupId()).isEqualTo(preMigration);
    assertThat(command.replacedStateBackupId()).isEqualTo(fresh);
    Restored restored =
        log.stream()
            .filter(StepCompleted.class::isInstance)
            .map(e -> ((StepCompleted) e).reply())
            .filter(Restored.class::isInstance)
            .map(Restored.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(restored.backupId()).isEqualTo(preMigration);
    assertThat(restored.replacedStateBackupId()).isEqualTo(fresh);
    assertThat(finished.reasons())
        .singleElement()
        .asString()
        .contains("restored backup " + preMigration)
        .contains("as ops@example.com asked")
        .contains("kept in backup " + fresh);

    // The device's own trail says who restored which backup, when, and where the old one went;
    // the rollout's says what was asked.
    var byDevice = suite.flotilla("audit", "--device", device.value(), "--api", api);
    assertThat(byDevice.exitCode()).as(byDevice.output()).isZero();
    assertThat(byDevice.output())
        .contains("restored from backup " + preMigration + " at version 1")
        .contains("restored backup " + preMigration)
        .contains("as ops@example.com asked")
        .contains("the database it replaced is kept in backup " + fresh);
    var byRollout =
        suite.flotilla("audit", "--rollout", accepted.rolloutId().value(), "--api", api);
    assertThat(byRollout.output())
        .contains("restore of " + device + " from backup " + preMigration)
        .contains("requested by ops@example.com");
  }

  @Test
  void aBackupTheDeviceDoesNotHaveIsRefusedWithItsReasonAndTheDeviceIsUntouched() throws Exception {
    DeviceId device = devices.get(1);
    Path db = suite.db(device);
    DeviceFiles.DatabaseBytes before = DeviceFiles.bytes(db);
    List<String> backupsBefore = filesIn(suite.backups().resolve(device.value()));

    var restore =
        suite.flotilla(
            "backups", "restore", device.value(), device + "-000000000000", "--api", api);

    assertThat(restore.exitCode()).as(restore.output()).isEqualTo(1);
    assertThat(restore.output())
        .contains(device + " was not restored (FAILED)")
        .contains("backup-not-found")
        .contains(device + " has no backup " + device + "-000000000000");
    assertThat(DeviceFiles.bytes(db)).isEqualTo(before);
    assertThat(filesIn(suite.backups().resolve(device.value()))).isEqualTo(backupsBefore);
    List<RolloutEvent> log = restoreOf(restore);
    assertThat(RunningSuite.finishOf(log, device).outcome()).isEqualTo(DeviceOutcome.FAILED);
    assertThat(RunningSuite.stepsOf(log, device)).containsExactly(Step.SAFETY_CHECK, Step.BACKUP);
  }

  @Test
  void aDeviceIdThatIsNoneIsBadInputAndAsksNothing() throws Exception {
    var restore = suite.flotilla("backups", "restore", "no such device", "--api", api);

    assertThat(restore.exitCode()).as(restore.output()).isEqualTo(2);
    assertThat(restore.output().strip()).contains("'no such device' is not a device id");
  }

  /** The log of the restore the command asked for, as it names it, once the rollout ended. */
  private List<RolloutEvent> restoreOf(ServiceProcesses.Result restore) {
    Matcher named = Pattern.compile("as rollout (\\S+) \\.\\.\\.").matcher(restore.output());
    assertThat(named.find()).as(restore.output()).isTrue();
    return suite.awaitEnd(RolloutId.of(named.group(1)), LONG);
  }

  private Path backupFile(DeviceId device, BackupId backup) {
    return suite.backups().resolve(device.value()).resolve(backup.value() + ".db");
  }

  /** The chat application sends messages with attachments on its own connection, keys on. */
  private static void writeAsTheApplication(Path db, int messages) throws SQLException {
    try (Connection app = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement settings = app.createStatement()) {
      settings.execute("PRAGMA foreign_keys = ON");
      settings.execute("PRAGMA busy_timeout = 10000");
      app.setAutoCommit(false);
      try (PreparedStatement message =
              app.prepareStatement(
                  "INSERT INTO messages (conversation_id, sender_id, body, sent_at)"
                      + " VALUES ((SELECT min(id) FROM conversations), (SELECT min(id) FROM"
                      + " users), ?, ?)");
          PreparedStatement attachment =
              app.prepareStatement(
                  "INSERT INTO attachments (message_id, file_name, mime_type, size_bytes)"
                      + " VALUES (last_insert_rowid(), ?, 'image/png', ?)")) {
        for (int i = 0; i < messages; i++) {
          message.setString(1, "written by hand " + i);
          message.setString(2, "2026-12-06T10:%02d:00Z".formatted(i % 60));
          message.executeUpdate();
          attachment.setString(1, "photo-" + i + ".png");
          attachment.setLong(2, 1000L + i);
          attachment.executeUpdate();
        }
      }
      app.commit();
    }
  }

  private static List<String> filesIn(Path dir) throws Exception {
    try (var files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private void awaitApi() {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest health = HttpRequest.newBuilder(URI.create(api + "/health")).build();
    await()
        .atMost(LONG)
        .ignoreExceptions()
        .until(() -> http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
  }
}
