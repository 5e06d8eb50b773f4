package dev.flotilla.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.RestoreBackup;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.reply.BackupCompleted;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.contracts.reply.RestoreFailed;
import dev.flotilla.contracts.reply.RestoreResult;
import dev.flotilla.contracts.reply.Restored;
import dev.flotilla.devicedb.Sha256;
import dev.flotilla.devicedb.SqliteCompanions;
import dev.flotilla.testsupport.Commands;
import dev.flotilla.testsupport.DeviceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupRestorerTest {
  private static final DeviceId DEVICE = DeviceId.of("rv-0001");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-22T11:00:00Z"), ZoneOffset.UTC);

  @TempDir Path fleetDir;
  @TempDir Path backupDir;

  private Path database;
  private BackupLayout layout;
  private BackupRestorer restorer;
  private BackupCompleted backup;
  private Map<String, List<String>> backedUp;

  @BeforeEach
  void createDeviceAndBackUp() {
    FleetLayout fleet = new FleetLayout(fleetDir);
    database = fleet.database(DEVICE);
    DeviceDatabases.create(database);
    layout = new BackupLayout(backupDir);
    backup =
        (BackupCompleted)
            new BackupTaker(layout, fleet, FreeSpaceProbe.fileStore(), CLOCK)
                .backup(Commands.takeBackup(DEVICE, "r-2026-11-22-a/rv-0001/backup/1"));
    backedUp = DeviceDatabases.contents(database);
    restorer = new BackupRestorer(layout, fleet, FreeSpaceProbe.fileStore(), CLOCK);
  }

  private RestoreBackup restoreCommand(String commandId) {
    return Commands.restore(DEVICE, commandId, backup.backupId(), backup.sha256());
  }

  @Test
  void restorePutsBackTheBackedUpDataAndLeavesNoCopyBehind() throws IOException {
    DeviceDatabases.migrateToVersion3(database);
    DeviceDatabases.removeReadings(database, 40);
    assertThat(DeviceDatabases.contents(database)).isNotEqualTo(backedUp);
    RestoreBackup command = restoreCommand("r-2026-11-22-a/rv-0001/restore/1");

    RestoreResult reply = restorer.restore(command);

    assertThat(reply).isInstanceOf(Restored.class);
    Restored restored = (Restored) reply;
    assertThat(restored.version()).isEqualTo(VersionId.of(2));
    assertThat(restored.backupId()).isEqualTo(backup.backupId());
    assertThat(restored.causationId()).isEqualTo(command.messageId());
    assertThat(DeviceDatabases.contents(database)).isEqualTo(backedUp);
    assertThat(DeviceDatabases.pragma(database, "journal_mode")).isEqualTo("wal");
    assertThat(DeviceDatabases.pragma(database, "integrity_check")).isEqualTo("ok");
    assertThat(BackupTakerTest.filesIn(fleetDir)).containsExactly("rv-0001.db");
  }

  @Test
  void aDatabaseInRollbackJournalModeIsRestoredInRollbackJournalMode() throws IOException {
    FleetLayout fleet = new FleetLayout(fleetDir);
    DeviceId other = DeviceId.of("kiosk-7");
    Path kiosk = fleet.database(other);
    DeviceDatabases.create(kiosk, "DELETE");
    BackupCompleted taken =
        (BackupCompleted)
            new BackupTaker(layout, fleet, FreeSpaceProbe.fileStore(), CLOCK)
                .backup(Commands.takeBackup(other, "r-2026-11-22-a/kiosk-7/backup/1"));
    Map<String, List<String>> kept = DeviceDatabases.contents(kiosk);
    DeviceDatabases.removeReadings(kiosk, 40);

    RestoreResult reply =
        restorer.restore(
            Commands.restore(
                other, "r-2026-11-22-a/kiosk-7/restore/1", taken.backupId(), taken.sha256()));

    assertThat(reply).as("%s", reply).isInstanceOf(Restored.class);
    assertThat(DeviceDatabases.contents(kiosk)).isEqualTo(kept);
    assertThat(DeviceDatabases.pragma(kiosk, "journal_mode")).isEqualTo("delete");
    assertThat(Files.exists(SqliteCompanions.wal(kiosk))).isFalse();
  }

  @Test
  void aRestoreKeepsThePageSizeAutoVacuumAndUserVersionTheApplicationChose() throws IOException {
    FleetLayout fleet = new FleetLayout(fleetDir);
    DeviceId other = DeviceId.of("desk-3");
    Path desk = fleet.database(other);
    DeviceDatabases.createWith(
        desk,
        "PRAGMA page_size = 8192",
        "PRAGMA auto_vacuum = INCREMENTAL",
        "PRAGMA user_version = 7");
    BackupCompleted taken =
        (BackupCompleted)
            new BackupTaker(layout, fleet, FreeSpaceProbe.fileStore(), CLOCK)
                .backup(Commands.takeBackup(other, "r-2026-11-22-a/desk-3/backup/1"));
    DeviceDatabases.removeReadings(desk, 40);

    RestoreResult reply =
        restorer.restore(
            Commands.restore(
                other, "r-2026-11-22-a/desk-3/restore/1", taken.backupId(), taken.sha256()));

    assertThat(reply).as("%s", reply).isInstanceOf(Restored.class);
    assertThat(DeviceDatabases.pragma(desk, "page_size")).isEqualTo("8192");
    assertThat(DeviceDatabases.pragma(desk, "auto_vacuum")).isEqualTo("2");
    assertThat(DeviceDatabases.pragma(desk, "user_version")).isEqualTo("7");
    assertThat(DeviceDatabases.pragma(desk, "journal_mode")).isEqualTo("wal");
  }

  @Test
  void aRestoreNeverDiscardsWhatTheApplicationWroteSinceTheBackup() throws IOException {
    DeviceDatabases.migrateToVersion3(database);
    DeviceDatabases.addReadings(database, 40);
    DeviceDatabases.execute(database, "UPDATE coach SET model = 'Vista 30' WHERE id = 1");
    Map<String, List<String>> written = DeviceDatabases.contents(database);
    String liveBytes = Sha256.of(database);

    RestoreResult reply = restorer.restore(restoreCommand("r-2026-11-22-a/rv-0001/restore/1"));

    assertThat(reply)
        .isInstanceOfSatisfying(
            RestoreFailed.class,
            failed -> {
              assertThat(failed.failure().is(BackupRestorer.WRITES_SINCE_BACKUP)).isTrue();
              assertThat(failed.failure().reason())
                  .contains("coach: 1 rows changed")
                  .contains("tank_reading: 40 rows added")
                  .contains("written since the backup")
                  .doesNotContain("alarm");
            });
    assertThat(DeviceDatabases.contents(database)).isEqualTo(written);
    assertThat(Sha256.of(database)).isEqualTo(liveBytes);
    assertThat(layout.backupFile(DEVICE, backup.backupId())).exists();
    assertThat(BackupTakerTest.filesIn(fleetDir)).containsExactly("rv-0001.db");
  }

  @Test
  void theRestoredFileKeepsTheOwnerAndModeOfTheApplicationsFile() throws IOException {
    UserPrincipalLookupService users = database.getFileSystem().getUserPrincipalLookupService();
    // The application runs as its own user (here "nobody", where the worker may change owners).
    boolean canChown = "root".equals(System.getProperty("user.name"));
    if (canChown) {
      Files.setOwner(database, users.lookupPrincipalByName("nobody"));
    }
    Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("rw-------"));
    UserPrincipal owner = Files.getOwner(database);
    DeviceDatabases.migrateToVersion3(database);

    RestoreResult reply = restorer.restore(restoreCommand("r-2026-11-22-a/rv-0001/restore/1"));

    assertThat(reply).as("%s", reply).isInstanceOf(Restored.class);
    assertThat(Files.getOwner(database)).isEqualTo(owner);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(database)))
        .isEqualTo("rw-------");
    assertThat(DeviceDatabases.contents(database)).isEqualTo(backedUp);
  }

  @Test
  void corruptBackupIsRefusedAndTheLiveDatabaseIsLeftByteForByte() throws IOException {
    DeviceDatabases.migrateToVersion3(database);
    byte[] liveBefore = Files.readAllBytes(database);
    List<String> filesBefore = BackupTakerTest.filesIn(fleetDir);
    Path backupFile = layout.backupFile(DEVICE, backup.backupId());
    DeviceDatabases.flipBytes(backupFile, Files.size(backupFile) / 2, 8);

    RestoreResult reply = restorer.restore(restoreCommand("r-2026-11-22-a/rv-0001/restore/1"));

    assertThat(reply).isInstanceOf(RestoreFailed.class);
    RestoreFailed failed = (RestoreFailed) reply;
    assertThat(failed.failure().kind()).isEqualTo(FailureKind.BUSINESS);
    assertThat(failed.failure().reason()).startsWith("checksum-mismatch:").contains("damaged");
    assertThat(Files.readAllBytes(database)).isEqualTo(liveBefore);
    assertThat(BackupTakerTest.filesIn(fleetDir)).isEqualTo(filesBefore);
  }

  @Test
  void restoreWhoseChecksumDiffersFromTheManifestIsRefusedUntouched() throws IOException {
    byte[] liveBefore = Files.readAllBytes(database);

    RestoreResult reply =
        restorer.restore(
            Commands.restore(
                DEVICE, "r-2026-11-22-a/rv-0001/restore/1", backup.backupId(), "ab".repeat(32)));

    assertThat(reply).isInstanceOf(RestoreFailed.class);
    assertThat(((RestoreFailed) reply).failure().reason()).startsWith("checksum-mismatch:");
    assertThat(Files.readAllBytes(database)).isEqualTo(liveBefore);
  }

  @Test
  void aRestoreMakesItsJournalFolderBeforeItsFirstFileBesideTheDatabase() throws IOException {
    // Writes since the backup: the restore copies the backup beside the database, then refuses.
    DeviceDatabases.addReadings(database, 5);

    RestoreResult reply = restorer.restore(restoreCommand("r-2026-11-22-a/rv-0001/restore/1"));

    assertThat(reply).isInstanceOf(RestoreFailed.class);
    assertThat(layout.restoreJournalDir(DEVICE)).isDirectory();
    assertThat(TestFiles.namesIn(layout.restoreJournalDir(DEVICE))).isEmpty();
  }

  @Test
  void restoreOfAMissingBackupFailsAsInfrastructure() {
    RestoreResult reply =
        restorer.restore(
            Commands.restore(
                DEVICE,
                "r-2026-11-22-a/rv-0001/restore/1",
                BackupId.of("rv-0001-000000000000"),
                backup.sha256()));

    assertThat(reply).isInstanceOf(RestoreFailed.class);
    assertThat(((RestoreFailed) reply).failure().kind()).isEqualTo(FailureKind.INFRASTRUCTURE);
    assertThat(((RestoreFailed) reply).failure().reason()).startsWith("backup-missing:");
  }

  @Test
  void uncheckpointedWalContentOfTheLiveDatabaseIsNotMixedIntoTheRestoredOne() throws IOException {
    leaveCommittedTransactionsOnlyInTheWal();
    assertThat(Files.size(SqliteCompanions.wal(database))).isPositive();

    RestoreResult reply = restorer.restore(restoreCommand("r-2026-11-22-a/rv-0001/restore/1"));

    assertThat(reply).isInstanceOf(Restored.class);
    assertThat(DurableFiles.sizeOrZero(SqliteCompanions.wal(database))).isZero();
    assertThat(DeviceDatabases.contents(database)).isEqualTo(backedUp);
    assertThat(DeviceDatabases.pragma(database, "integrity_check")).isEqualTo("ok");
    assertThat(BackupTakerTest.filesIn(fleetDir)).containsExactly("rv-0001.db");
  }

  @Test
  void redeliveredRestoreCommandReplaysItsReplyWithoutRestoringAgain() {
    RestoreBackup command = restoreCommand("r-2026-11-22-a/rv-0001/restore/1");
    RestoreResult first = restorer.restore(command);
    DeviceDatabases.addReadings(database, 30);

    RestoreResult second = restorer.restore(command);

    assertThat(first).isInstanceOf(Restored.class);
    assertThat(second).isEqualTo(first);
    assertThat(DeviceDatabases.rowCount(database, "tank_reading")).isEqualTo(150);
  }

  @Test
  void restoreRedoneAfterACrashBetweenKeepingAndReplacingTheDatabaseTidiesUp() throws IOException {
    DeviceDatabases.migrateToVersion3(database);
    // What a crash right after step 2 of the swap leaves: a second name for the live file.
    Files.createLink(fleetDir.resolve("rv-0001.db.pre-restore-20261122T105959000Z"), database);
    Files.write(fleetDir.resolve(".rv-0001.db.restore.tmp"), new byte[] {1, 2, 3});

    RestoreResult reply = restorer.restore(restoreCommand("r-2026-11-22-a/rv-0001/restore/1"));

    assertThat(reply).isInstanceOf(Restored.class);
    assertThat(DeviceDatabases.contents(database)).isEqualTo(backedUp);
    assertThat(BackupTakerTest.filesIn(fleetDir)).containsExactly("rv-0001.db");
  }

  @Test
  void restoreRedoneAfterACrashThatHadReplacedTheDatabaseDeletesWhatItsFirstAttemptKept()
      throws IOException {
    RestoreBackup command = restoreCommand("r-2026-11-22-a/rv-0001/restore/1");
    // What a crash after step 4 of the swap, before the verification, leaves: the database as it
    // was before the restore under this command's pre-restore name, the backup under the live one.
    DeviceDatabases.migrateToVersion3(database);
    // This clock stands still, so the first attempt's name is the one the second would choose.
    Path keptByFirstAttempt =
        new FleetLayout(fleetDir).preRestore(DEVICE, command.commandId(), CLOCK.instant());
    Files.move(database, keptByFirstAttempt);
    Files.copy(layout.backupFile(DEVICE, backup.backupId()), database);

    RestoreResult reply = restorer.restore(command);

    assertThat(reply).isInstanceOf(Restored.class);
    assertThat(DeviceDatabases.contents(database)).isEqualTo(backedUp);
    assertThat(BackupTakerTest.filesIn(fleetDir)).containsExactly("rv-0001.db");
  }

  @Test
  void aDatabaseKeptByAnotherRestoreIsLeftForAnOperator() throws IOException {
    DeviceDatabases.migrateToVersion3(database);
    Path keptByAnother =
        new FleetLayout(fleetDir)
            .preRestore(
                DEVICE,
                CommandId.of("r-2026-11-20-a/rv-0001/restore/1"),
                CLOCK.instant().minusSeconds(86_400));
    Files.copy(database, keptByAnother);
    Path keptBeforeTags = fleetDir.resolve("rv-0001.db.pre-restore-20261101T000000000Z");
    Files.copy(database, keptBeforeTags);
    Map<String, List<String>> keptContents = DeviceDatabases.contents(keptByAnother);

    RestoreResult reply = restorer.restore(restoreCommand("r-2026-11-22-a/rv-0001/restore/1"));

    assertThat(reply).isInstanceOf(Restored.class);
    assertThat(BackupTakerTest.filesIn(fleetDir))
        .containsExactlyInAnyOrder(
            "rv-0001.db",
            keptByAnother.getFileName().toString(),
            keptBeforeTags.getFileName().toString());
    assertThat(DeviceDatabases.contents(keptByAnother)).isEqualTo(keptContents);
  }

  @Test
  void restoreRecreatesADeviceDatabaseThatIsGone() throws IOException {
    Files.delete(database);

    RestoreResult reply = restorer.restore(restoreCommand("r-2026-11-22-a/rv-0001/restore/1"));

    assertThat(reply).isInstanceOf(Restored.class);
    assertThat(DeviceDatabases.contents(database)).isEqualTo(backedUp);
  }

  /** The files as a device that crashed after committing, before any checkpoint, leaves them. */
  private void leaveCommittedTransactionsOnlyInTheWal() {
    DeviceFiles.commitIntoWalOnly(
        database,
        "DELETE FROM alarm",
        "CREATE TABLE usage_snapshot (id INTEGER PRIMARY KEY, kwh REAL NOT NULL)",
        "INSERT INTO usage_snapshot (kwh) VALUES (1.5), (2.25)",
        "DELETE FROM tank_reading WHERE id % 5 = 0");
  }
}
