package dev.flotilla.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.TakeBackup;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.reply.BackupCompleted;
import dev.flotilla.contracts.reply.BackupFailed;
import dev.flotilla.contracts.reply.BackupResult;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.devicedb.Sha256;
import dev.flotilla.devicedb.SqliteCompanions;
import dev.flotilla.devkit.ApplicationWriter;
import dev.flotilla.devkit.DemoFleet;
import dev.flotilla.testsupport.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackupTakerTest {
  private static final DeviceId DEVICE = DeviceId.of("rv-0001");
  private static final Instant NOW = Instant.parse("2026-11-22T10:15:30.123Z");

  @TempDir Path fleetDir;
  @TempDir Path demoFleetDir;
  @TempDir Path backupDir;

  private Path database;
  private BackupLayout layout;

  @BeforeEach
  void createDevice() {
    database = new FleetLayout(fleetDir).database(DEVICE);
    DeviceDatabases.create(database);
    layout = new BackupLayout(backupDir);
  }

  private BackupTaker taker(FreeSpaceProbe freeSpace) {
    return new BackupTaker(
        layout, new FleetLayout(fleetDir), freeSpace, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private BackupTaker taker() {
    return taker(FreeSpaceProbe.fileStore());
  }

  @Test
  void backupIsChecksummedDescribedByItsManifestAndSound() throws IOException {
    TakeBackup command = Commands.takeBackup(DEVICE, "r-2026-11-22-a/rv-0001/backup/1");

    BackupResult reply = taker().backup(command);

    assertThat(reply).isInstanceOf(BackupCompleted.class);
    BackupCompleted completed = (BackupCompleted) reply;
    BackupId backupId = completed.backupId();
    assertThat(backupId).isEqualTo(BackupNaming.backupIdFor(command));
    assertThat(backupId.value()).startsWith("rv-0001-");
    Path file = layout.backupFile(DEVICE, backupId);
    assertThat(completed.sha256()).isEqualTo(Sha256.of(file));
    assertThat(completed.sizeBytes()).isEqualTo(Files.size(file));
    assertThat(completed.sourceVersion()).isEqualTo(VersionId.of(2));
    assertThat(completed.causationId()).isEqualTo(command.messageId());
    assertThat(completed.commandId()).isEqualTo(command.commandId());

    BackupManifest manifest = ManifestFiles.read(layout.manifestFile(DEVICE, backupId));
    assertThat(manifest.deviceId()).isEqualTo(DEVICE);
    assertThat(manifest.backupId()).isEqualTo(backupId);
    assertThat(manifest.commandId()).isEqualTo(command.commandId());
    assertThat(manifest.rolloutId()).isEqualTo(command.rolloutId());
    assertThat(manifest.sourceVersion()).isEqualTo(VersionId.of(2));
    assertThat(manifest.sizeBytes()).isEqualTo(Files.size(file));
    assertThat(manifest.sha256()).isEqualTo(completed.sha256());
    assertThat(manifest.createdAt()).isEqualTo(NOW);
    assertThat(manifest.tableRowCounts())
        .containsEntry("coach", 2L)
        .containsEntry("tank_reading", 120L)
        .containsEntry("alarm", 2L)
        .containsEntry("flotilla_schema_history", 2L);

    assertThat(DeviceDatabases.pragma(file, "integrity_check")).isEqualTo("ok");
    assertThat(DeviceDatabases.contents(file)).isEqualTo(DeviceDatabases.contents(database));
    assertThat(filesIn(layout.deviceDir(DEVICE)))
        .containsExactlyInAnyOrder(backupId + ".db", backupId + ".manifest.json");
  }

  @Test
  void theReplyCarriesTheCopysApplicationRowCountsAsVerifysBaseline() throws IOException {
    TakeBackup command = Commands.takeBackup(DEVICE, "r-2026-11-22-a/rv-0001/backup/1");

    BackupCompleted completed = (BackupCompleted) taker().backup(command);
    BackupManifest manifest = ManifestFiles.read(layout.manifestFile(DEVICE, completed.backupId()));

    // Flotilla's own tables are left out: their rows are bookkeeping, not the application's.
    assertThat(completed.tableRowCounts())
        .isEqualTo(Map.of("coach", 2L, "tank_reading", 120L, "alarm", 2L));
    assertThat(manifest.applicationRowCounts()).isEqualTo(completed.tableRowCounts());
    assertThat(completed.rowBaseline().orElseThrow().version()).isEqualTo(VersionId.of(2));
    // A redelivered command replays the counts from the manifest.
    assertThat(taker().backup(command)).isEqualTo(completed);
  }

  @ParameterizedTest
  @ValueSource(strings = {"WAL", "DELETE"})
  void aBackupTakenWhileTheApplicationKeepsWritingIsOneConsistentSnapshot(String journalMode)
      throws Exception {
    Files.delete(database);
    DeviceDatabases.create(database, journalMode);
    TakeBackup command = Commands.takeBackup(DEVICE, "r-2026-11-22-a/rv-0001/backup/1");
    BackupResult reply;
    try (ApplicationWriter<Long> writer =
        ApplicationWriter.start(
            database,
            "INSERT INTO tank_reading (id, coach_id, tank, level, read_at)"
                + " VALUES (1000 + ?, 1, 'fresh', 50, strftime('%Y-%m-%dT%H:%M:%fZ'))",
            Duration.ofMillis(1),
            1)) {
      writer.awaitCommits(20);
      reply = taker().backup(command);
      writer.awaitCommits(writer.committed().size() + 20);
    }

    assertThat(reply).as("%s", reply).isInstanceOf(BackupCompleted.class);
    BackupCompleted completed = (BackupCompleted) reply;
    Path file = layout.backupFile(DEVICE, completed.backupId());
    // What the reply says is what the copy holds, and the application went on writing past it.
    assertThat(completed.tableRowCounts().get("tank_reading"))
        .isEqualTo(DeviceDatabases.rowCount(file, "tank_reading"))
        .isGreaterThan(120L)
        .isLessThan(DeviceDatabases.rowCount(database, "tank_reading"));
    assertThat(DeviceDatabases.pragma(file, "integrity_check")).isEqualTo("ok");
    BackupManifest manifest = ManifestFiles.read(layout.manifestFile(DEVICE, completed.backupId()));
    assertThat(manifest.journalMode()).isEqualToIgnoringCase(journalMode);
    assertThat(DeviceDatabases.pragma(database, "journal_mode")).isEqualToIgnoringCase(journalMode);
  }

  @Test
  void aManifestOfFormat1WithoutApplicationCountsStillReads() throws IOException {
    TakeBackup command = Commands.takeBackup(DEVICE, "r-2026-11-22-a/rv-0001/backup/1");
    BackupCompleted completed = (BackupCompleted) taker().backup(command);
    Path manifestFile = layout.manifestFile(DEVICE, completed.backupId());
    String format1 =
        Files.readString(manifestFile)
            .replace("\"format\" : 2", "\"format\" : 1")
            .replaceAll("(?s),\\s*\"applicationRowCounts\" : \\{[^}]*\\}", "")
            .replaceAll(",\\s*\"journalMode\" : \"[a-z]*\"", "");
    Files.writeString(manifestFile, format1);

    BackupManifest manifest = ManifestFiles.read(manifestFile);

    assertThat(format1).doesNotContain("applicationRowCounts");
    assertThat(manifest.format()).isEqualTo(1);
    assertThat(manifest.applicationRowCounts()).isNull();
    assertThat(manifest.journalMode()).isNull();
    assertThat(manifest.walMode()).isTrue();
    assertThat(((BackupCompleted) taker().backup(command)).rowBaseline()).isEmpty();
  }

  @Test
  void backupHoldsTransactionsStillOnlyInTheWriteAheadLogOfAnOpenConnection()
      throws IOException, SQLException {
    try (Connection device = DeviceDatabases.open(database)) {
      DeviceDatabases.execute(device, "PRAGMA wal_autocheckpoint = 0");
      DeviceDatabases.execute(device, "DELETE FROM alarm WHERE coach_id = 2");
      assertThat(Files.size(SqliteCompanions.wal(database))).isPositive();

      BackupCompleted completed =
          (BackupCompleted)
              taker().backup(Commands.takeBackup(DEVICE, "r-2026-11-22-a/rv-0001/backup/1"));

      Path file = layout.backupFile(DEVICE, completed.backupId());
      assertThat(DeviceDatabases.rowCount(file, "alarm")).isEqualTo(1);
      assertThat(
              ManifestFiles.read(layout.manifestFile(DEVICE, completed.backupId()))
                  .tableRowCounts())
          .containsEntry("alarm", 1L);
    }
  }

  @Test
  void redeliveredBackupCommandReplaysItsReplyWithoutASecondCopy() throws IOException {
    TakeBackup command = Commands.takeBackup(DEVICE, "r-2026-11-22-a/rv-0001/backup/1");
    BackupCompleted first = (BackupCompleted) taker().backup(command);
    Path file = layout.backupFile(DEVICE, first.backupId());
    FileTime writtenAt = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(file, writtenAt);
    DeviceDatabases.addReadings(database, 30);

    BackupResult second = taker().backup(command);

    assertThat(second).isEqualTo(first);
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(writtenAt);
    assertThat(DeviceDatabases.rowCount(file, "tank_reading")).isEqualTo(120);
    assertThat(filesIn(layout.deviceDir(DEVICE))).hasSize(2);
  }

  @Test
  void leftoversOfACrashedAttemptAreCleanedAndTheBackupIsRedone() throws IOException {
    TakeBackup command = Commands.takeBackup(DEVICE, "r-2026-11-22-a/rv-0001/backup/1");
    BackupId backupId = BackupNaming.backupIdFor(command);
    Files.createDirectories(layout.deviceDir(DEVICE));
    Files.write(layout.copyInProgress(DEVICE, backupId), new byte[] {1, 2, 3});
    Files.write(layout.testRestoreScratch(DEVICE, backupId), new byte[] {4, 5, 6});
    Files.write(layout.backupFile(DEVICE, backupId), new byte[] {7, 8, 9});

    BackupResult reply = taker().backup(command);

    assertThat(reply).isInstanceOf(BackupCompleted.class);
    Path file = layout.backupFile(DEVICE, backupId);
    assertThat(((BackupCompleted) reply).sha256()).isEqualTo(Sha256.of(file));
    assertThat(DeviceDatabases.rowCount(file, "tank_reading")).isEqualTo(120);
    assertThat(filesIn(layout.deviceDir(DEVICE)))
        .containsExactlyInAnyOrder(backupId + ".db", backupId + ".manifest.json");
  }

  @Test
  void backupWhoseFileNoLongerMatchesItsManifestIsTakenAgain() throws IOException {
    TakeBackup command = Commands.takeBackup(DEVICE, "r-2026-11-22-a/rv-0001/backup/1");
    BackupCompleted first = (BackupCompleted) taker().backup(command);
    Path file = layout.backupFile(DEVICE, first.backupId());
    DeviceDatabases.flipBytes(file, Files.size(file) - 100, 4);

    BackupResult second = taker().backup(command);

    assertThat(second).isInstanceOf(BackupCompleted.class);
    assertThat(((BackupCompleted) second).sha256()).isEqualTo(Sha256.of(file));
    assertThat(DeviceDatabases.pragma(file, "integrity_check")).isEqualTo("ok");
  }

  @Test
  void backupIsRefusedWhenTheDiskHasLessThanTwiceTheDatabaseFreeAndLeavesNothingBehind()
      throws IOException {
    long databaseBytes =
        Files.size(database) + DurableFiles.sizeOrZero(SqliteCompanions.wal(database));
    FreeSpaceProbe almostEnough = directory -> 2 * databaseBytes - 1;

    BackupResult reply =
        taker(almostEnough).backup(Commands.takeBackup(DEVICE, "r-2026-11-22-a/rv-0001/backup/1"));

    assertThat(reply).isInstanceOf(BackupFailed.class);
    BackupFailed failed = (BackupFailed) reply;
    assertThat(failed.failure().kind()).isEqualTo(FailureKind.INFRASTRUCTURE);
    assertThat(failed.failure().reason()).startsWith("low-disk:");
    try (Stream<Path> files = Files.walk(backupDir)) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @Test
  void backupOfAMissingDeviceDatabaseFailsAsInfrastructure() {
    BackupResult reply =
        taker().backup(Commands.takeBackup(DeviceId.of("rv-9999"), "r-2026-11-22-a/rv-9999/b/1"));

    assertThat(reply).isInstanceOf(BackupFailed.class);
    assertThat(((BackupFailed) reply).failure().kind()).isEqualTo(FailureKind.INFRASTRUCTURE);
    assertThat(((BackupFailed) reply).failure().reason()).startsWith("missing-file:");
  }

  @Test
  void backupOfADatabaseWithADamagedIndexPageFailsAsBusiness() {
    // A demo device whose index on tank readings has a page of noise: the page copy carries it.
    Path fleet = demoFleetDir;
    DeviceId device = DemoFleet.generate(fleet, 1, 42).get(0);
    DemoFleet.corrupt(DemoFleet.databaseOf(fleet, device));
    BackupTaker demoTaker =
        new BackupTaker(
            layout,
            new FleetLayout(fleet),
            FreeSpaceProbe.fileStore(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    BackupResult reply =
        demoTaker.backup(Commands.takeBackup(device, "r-2026-11-22-a/rv-0001/backup/1"));

    assertThat(reply).isInstanceOf(BackupFailed.class);
    assertThat(((BackupFailed) reply).failure().kind()).isEqualTo(FailureKind.BUSINESS);
    assertThat(((BackupFailed) reply).failure().reason()).startsWith("backup-unsound:");
  }

  @Test
  void backupReportsTheTimeOfEachPhase() {
    List<BackupPhases> reported = new ArrayList<>();
    BackupTaker timed =
        new BackupTaker(
            layout,
            new FleetLayout(fleetDir),
            FreeSpaceProbe.fileStore(),
            Clock.fixed(NOW, ZoneOffset.UTC),
            reported::add);

    BackupResult reply =
        timed.backup(Commands.takeBackup(DEVICE, "r-2026-11-22-a/rv-0001/backup/1"));

    assertThat(reply).isInstanceOf(BackupCompleted.class);
    assertThat(reported).hasSize(1);
    BackupPhases phases = reported.get(0);
    assertThat(phases.bytes()).isEqualTo(((BackupCompleted) reply).sizeBytes());
    assertThat(phases.copyNanos()).isPositive();
    assertThat(phases.hashNanos()).isPositive();
    assertThat(phases.checkNanos()).isPositive();
    assertThat(phases.proveNanos())
        .isGreaterThanOrEqualTo(Math.max(phases.hashNanos(), phases.checkNanos()));
  }

  @Test
  void backupOfACorruptDatabaseFailsAsBusinessAndLeavesNothingBehind() throws IOException {
    DeviceDatabases.addReadings(database, 2000);
    DeviceDatabases.pragma(database, "wal_checkpoint(TRUNCATE)");
    // Table pages and index pages alike: the page copy carries them, quick_check finds them.
    DeviceDatabases.flipBytes(database, 4096, (int) Files.size(database) - 4096);

    BackupResult reply =
        taker().backup(Commands.takeBackup(DEVICE, "r-2026-11-22-a/rv-0001/backup/1"));

    assertThat(reply).isInstanceOf(BackupFailed.class);
    assertThat(((BackupFailed) reply).failure().kind()).isEqualTo(FailureKind.BUSINESS);
    assertThat(filesIn(layout.deviceDir(DEVICE))).isEmpty();
  }

  @Test
  void deviceFolderThatIsASymbolicLinkOutOfTheBackupDirectoryIsRefused(@TempDir Path elsewhere)
      throws IOException {
    Files.createSymbolicLink(backupDir.resolve(DEVICE.value()), elsewhere);

    BackupResult reply =
        taker().backup(Commands.takeBackup(DEVICE, "r-2026-11-22-a/rv-0001/backup/1"));

    assertThat(reply).isInstanceOf(BackupFailed.class);
    assertThat(((BackupFailed) reply).failure().reason()).startsWith("unsafe-path:");
    assertThat(filesIn(elsewhere)).isEmpty();
  }

  static List<String> filesIn(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
