package dev.flotilla.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.command.TakeBackup;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.reply.BackupCompleted;
import dev.flotilla.contracts.reply.BackupFailed;
import dev.flotilla.contracts.reply.BackupResult;
import dev.flotilla.contracts.reply.Failure;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.contracts.reply.RestoreFailed;
import dev.flotilla.contracts.reply.RestoreResult;
import dev.flotilla.contracts.reply.Restored;
import dev.flotilla.contracts.request.BackupChoice;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.Incoming;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.testsupport.Commands;
import dev.flotilla.testsupport.DeviceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator's restore at the backup worker: the backup step first finds and proves the backup to
 * put back, then keeps the database as it is in a fresh backup; the restore may then go back past
 * the application's writes, because that fresh backup holds them, row for row.
 */
class OperatorRestoreTest {
  private static final DeviceId DEVICE = DeviceId.of("rv-0001");
  private static final Instant LAST_WEEK = Instant.parse("2026-11-15T08:00:00Z");
  private static final Instant YESTERDAY = Instant.parse("2026-11-21T08:00:00Z");
  private static final Instant NOW = Instant.parse("2026-11-22T11:00:00Z");

  @TempDir Path fleetDir;
  @TempDir Path backupDir;

  private FleetLayout fleet;
  private BackupLayout layout;
  private Path live;

  /** Last week's backup: 120 readings. */
  private BackupCompleted lastWeek;

  /** Yesterday's backup: 150 readings. */
  private BackupCompleted yesterday;

  @BeforeEach
  void aDeviceBackedUpLastWeekAndYesterday() {
    fleet = new FleetLayout(fleetDir);
    layout = new BackupLayout(backupDir);
    live = fleet.database(DEVICE);
    DeviceDatabases.create(live);
    lastWeek = backUp(Commands.takeBackup(DEVICE, "r-week/rv-0001/backup/1"), LAST_WEEK);
    DeviceDatabases.addReadings(live, 30);
    yesterday = backUp(Commands.takeBackup(DEVICE, "r-day/rv-0001/backup/1"), YESTERDAY);
  }

  private BackupCompleted backUp(TakeBackup command, Instant at) {
    BackupResult result = taker(at).backup(command);
    assertThat(result).as("%s", result).isInstanceOf(BackupCompleted.class);
    return (BackupCompleted) result;
  }

  private BackupTaker taker(Instant at) {
    return new BackupTaker(layout, fleet, FreeSpaceProbe.fileStore(), clock(at));
  }

  private BackupRestorer restorer() {
    return new BackupRestorer(layout, fleet, FreeSpaceProbe.fileStore(), clock(NOW));
  }

  private static Clock clock(Instant at) {
    return Clock.fixed(at, ZoneOffset.UTC);
  }

  private static TakeBackup beforeRestore(String backupId) {
    return Commands.takeBackupBeforeRestore(
        DEVICE,
        "restore-1/rv-0001/backup/1",
        new BackupChoice(backupId == null ? null : BackupId.of(backupId), NOW));
  }

  private Map<String, List<String>> rowsOf(BackupId backup) {
    return DeviceDatabases.contents(layout.backupFile(DEVICE, backup));
  }

  @Test
  void aDatabaseWrittenSinceTheBackupIsRestoredAndTheFreshBackupHoldsWhatWasWritten()
      throws IOException {
    DeviceDatabases.addReadings(live, 40);
    Map<String, List<String>> written = DeviceDatabases.contents(live);
    assertThat(written).isNotEqualTo(rowsOf(lastWeek.backupId()));

    BackupCompleted fresh = backUp(beforeRestore(lastWeek.backupId().value()), NOW);
    assertThat(fresh.toRestore().backupId()).isEqualTo(lastWeek.backupId());
    assertThat(fresh.toRestore().sha256()).isEqualTo(lastWeek.sha256());
    assertThat(fresh.toRestore().version()).isEqualTo(VersionId.of(2));
    assertThat(fresh.toRestore().createdAt()).isEqualTo(LAST_WEEK);
    RestoreResult result =
        restorer()
            .restore(
                Commands.restoreReplacing(
                    DEVICE,
                    "restore-1/rv-0001/restore/2",
                    lastWeek.backupId(),
                    lastWeek.sha256(),
                    fresh.backupId()));

    assertThat(result).as("%s", result).isInstanceOf(Restored.class);
    Restored restored = (Restored) result;
    assertThat(restored.backupId()).isEqualTo(lastWeek.backupId());
    assertThat(restored.replacedStateBackupId()).isEqualTo(fresh.backupId());
    assertThat(restored.version()).isEqualTo(VersionId.of(2));
    assertThat(DeviceDatabases.contents(live)).isEqualTo(rowsOf(lastWeek.backupId()));
    assertThat(DeviceDatabases.rowCount(live, "tank_reading")).isEqualTo(120);
    assertThat(rowsOf(fresh.backupId())).isEqualTo(written);
    assertThat(
            DeviceDatabases.rowCount(layout.backupFile(DEVICE, fresh.backupId()), "tank_reading"))
        .isEqualTo(190);
    assertThat(DeviceDatabases.pragma(live, "integrity_check")).isEqualTo("ok");
  }

  @Test
  void withoutAFreshBackupTheSameWritesStillRefuseARestore() throws IOException {
    DeviceDatabases.addReadings(live, 40);
    DeviceFiles.DatabaseBytes before = DeviceFiles.bytes(live);

    RestoreResult result =
        restorer()
            .restore(
                Commands.restore(
                    DEVICE, "r-x/rv-0001/restore/1", lastWeek.backupId(), lastWeek.sha256()));

    assertThat(result).isInstanceOf(RestoreFailed.class);
    assertThat(((RestoreFailed) result).failure().code()).isEqualTo("writes-since-backup");
    assertThat(DeviceFiles.bytes(live)).isEqualTo(before);
  }

  @Test
  void writesAfterTheFreshBackupRefuseTheRestoreAndNameThatBackup() throws IOException {
    BackupCompleted fresh = backUp(beforeRestore(lastWeek.backupId().value()), NOW);
    DeviceDatabases.addReadings(live, 3);
    DeviceFiles.DatabaseBytes before = DeviceFiles.bytes(live);

    RestoreResult result =
        restorer()
            .restore(
                Commands.restoreReplacing(
                    DEVICE,
                    "restore-1/rv-0001/restore/2",
                    lastWeek.backupId(),
                    lastWeek.sha256(),
                    fresh.backupId()));

    assertThat(result).isInstanceOf(RestoreFailed.class);
    Failure failure = ((RestoreFailed) result).failure();
    assertThat(failure.code()).isEqualTo("writes-since-backup");
    assertThat(failure.reason())
        .contains("since the backup " + fresh.backupId())
        .contains("tank_reading: 3 rows added");
    assertThat(DeviceFiles.bytes(live)).isEqualTo(before);
  }

  @Test
  void aRestoreWhoseFreshBackupIsGoneReplacesNothing() throws IOException {
    BackupCompleted fresh = backUp(beforeRestore(lastWeek.backupId().value()), NOW);
    Files.delete(layout.backupFile(DEVICE, fresh.backupId()));
    DeviceFiles.DatabaseBytes before = DeviceFiles.bytes(live);

    RestoreResult result =
        restorer()
            .restore(
                Commands.restoreReplacing(
                    DEVICE,
                    "restore-1/rv-0001/restore/2",
                    lastWeek.backupId(),
                    lastWeek.sha256(),
                    fresh.backupId()));

    assertThat(result).isInstanceOf(RestoreFailed.class);
    assertThat(((RestoreFailed) result).failure().reason())
        .contains("backup " + fresh.backupId() + ", which is to keep the database");
    assertThat(DeviceFiles.bytes(live)).isEqualTo(before);
  }

  @Test
  void withoutABackupIdTheNewestIntactBackupTakenBeforeTheRestoreIsChosen() {
    TakeBackup command = beforeRestore(null);
    BackupCompleted fresh = backUp(command, NOW);

    assertThat(fresh.toRestore().backupId()).isEqualTo(yesterday.backupId());
    assertThat(fresh.backupId()).isNotEqualTo(yesterday.backupId());

    BackupResult again = taker(NOW.plusSeconds(5)).backup(command);
    assertThat(again)
        .as("a redelivered command finds the same backup, never its own")
        .isEqualTo(fresh);
  }

  @Test
  void aDamagedNewestBackupIsPassedOverForTheOneBeforeIt() {
    DeviceDatabases.flipBytes(layout.backupFile(DEVICE, yesterday.backupId()), 100, 1);

    BackupCompleted fresh = backUp(beforeRestore(null), NOW);

    assertThat(fresh.toRestore().backupId()).isEqualTo(lastWeek.backupId());
  }

  @Test
  void aBackupTakenAfterTheRestoreWasAcceptedIsNotChosen() {
    TakeBackup acceptedLastWeek =
        Commands.takeBackupBeforeRestore(
            DEVICE,
            "restore-1/rv-0001/backup/1",
            new BackupChoice(null, LAST_WEEK.plus(Duration.ofHours(1))));

    BackupCompleted fresh = backUp(acceptedLastWeek, NOW);

    assertThat(fresh.toRestore().backupId()).isEqualTo(lastWeek.backupId());
  }

  @Test
  void aBackupTheDeviceDoesNotHaveFailsTheStepBeforeTheDatabaseIsRead() throws IOException {
    List<String> before = TestFiles.namesIn(layout.deviceDir(DEVICE));

    BackupResult result = taker(NOW).backup(beforeRestore("rv-0001-000000000000"));

    assertThat(result).isInstanceOf(BackupFailed.class);
    Failure failure = ((BackupFailed) result).failure();
    assertThat(failure.code()).isEqualTo(Failure.BACKUP_NOT_FOUND);
    assertThat(failure.kind()).isEqualTo(FailureKind.BUSINESS);
    assertThat(failure.reason()).contains("rv-0001 has no backup rv-0001-000000000000");
    assertThat(TestFiles.namesIn(layout.deviceDir(DEVICE))).isEqualTo(before);
  }

  @Test
  void aDamagedBackupFailsTheStepNamingWhatIsWrong() {
    DeviceDatabases.flipBytes(layout.backupFile(DEVICE, lastWeek.backupId()), 100, 1);

    BackupResult result = taker(NOW).backup(beforeRestore(lastWeek.backupId().value()));

    assertThat(result).isInstanceOf(BackupFailed.class);
    Failure failure = ((BackupFailed) result).failure();
    assertThat(failure.code()).isEqualTo(Failure.BACKUP_DAMAGED);
    assertThat(failure.reason())
        .contains("backup " + lastWeek.backupId() + " cannot be restored")
        .contains("hashing to");
  }

  @Test
  void aDeviceWithNoBackupBeforeTheRestoreFailsWithBackupNotFound() {
    DeviceId fresh = DeviceId.of("rv-0002");
    DeviceDatabases.create(fleet.database(fresh));

    BackupResult result =
        taker(NOW)
            .backup(
                Commands.takeBackupBeforeRestore(
                    fresh, "restore-2/rv-0002/backup/1", new BackupChoice(null, NOW)));

    assertThat(result).isInstanceOf(BackupFailed.class);
    assertThat(((BackupFailed) result).failure().code()).isEqualTo(Failure.BACKUP_NOT_FOUND);
    assertThat(((BackupFailed) result).failure().reason())
        .contains("rv-0002 has no intact backup taken before " + NOW);
  }

  @Test
  void retentionAfterTheFreshBackupKeepsTheBackupAboutToBePutBackWhateverItsAge()
      throws IOException {
    Instant muchLater = NOW.plus(Duration.ofDays(90));
    BackupWorkerConfig config =
        new BackupWorkerConfig(
            KafkaSettings.of("127.0.0.1:9"),
            fleetDir,
            backupDir,
            new RetentionPolicy(Duration.ZERO, 1));
    BackupCommandHandler handler =
        new BackupCommandHandler(
            taker(muchLater),
            restorer(),
            new BackupPruner(layout, config.retention(), clock(muchLater)),
            OrphanSweeper.forWorker(config, clock(muchLater)),
            new RestoredDeviceReports(fleet, clock(muchLater)));
    TakeBackup command = beforeRestore(lastWeek.backupId().value());

    BackupCompleted fresh =
        (BackupCompleted)
            handler
                .handle(
                    new Incoming<WorkerCommand>(Topics.commands(Step.BACKUP), 0, 1, null, command))
                .get(0)
                .value();

    List<BackupId> kept =
        new BackupCatalog(backupDir).list(DEVICE).stream().map(BackupManifest::backupId).toList();
    assertThat(kept).containsExactly(lastWeek.backupId(), fresh.backupId());
  }
}
