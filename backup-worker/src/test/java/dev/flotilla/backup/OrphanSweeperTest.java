package dev.flotilla.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.backup.OrphanSweeper.Removed;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.reply.BackupCompleted;
import dev.flotilla.devicedb.Sha256;
import dev.flotilla.devicedb.SqliteCompanions;
import dev.flotilla.testsupport.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrphanSweeperTest {
  private static final DeviceId DEVICE = DeviceId.of("rv-0001");
  private static final DeviceId OTHER = DeviceId.of("rv-0002");
  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  private static final Duration GRACE = Duration.ofHours(6);
  private static final Instant LONG_AGO = NOW.minus(Duration.ofDays(2));
  private static final Instant JUST_NOW = NOW.minus(Duration.ofMinutes(5));
  private static final BackupId UNFINISHED = BackupId.of("rv-0001-0123456789ab");

  @TempDir Path fleetDir;
  @TempDir Path backupDir;

  private FleetLayout fleet;
  private BackupLayout layout;
  private Path live;

  @BeforeEach
  void createDevice() {
    fleet = new FleetLayout(fleetDir);
    layout = new BackupLayout(backupDir);
    live = fleet.database(DEVICE);
    DeviceDatabases.create(live);
  }

  private OrphanSweeper sweeper() {
    return new OrphanSweeper(layout, Optional.of(fleet), GRACE, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void workFilesOfAnInterruptedBackupOlderThanTheGracePeriodAreDeletedWithTheirReasons()
      throws IOException {
    List<Path> leftovers =
        List.of(
            layout.copyInProgress(DEVICE, UNFINISHED),
            SqliteCompanions.journal(layout.copyInProgress(DEVICE, UNFINISHED)),
            layout.testRestoreScratch(DEVICE, UNFINISHED),
            SqliteCompanions.wal(layout.testRestoreScratch(DEVICE, UNFINISHED)),
            DurableFiles.tempFor(layout.manifestFile(DEVICE, UNFINISHED)),
            layout.backupFile(DEVICE, UNFINISHED),
            DurableFiles.tempFor(layout.restoreJournal(DEVICE, CommandId.of("r-1/rv-0001/r/1"))));
    for (Path leftover : leftovers) {
      write(leftover, LONG_AGO);
    }

    List<Removed> removed = sweeper().sweep();

    assertThat(removed).extracting(Removed::file).containsExactlyInAnyOrderElementsOf(leftovers);
    assertThat(removed)
        .filteredOn(r -> r.file().equals(layout.backupFile(DEVICE, UNFINISHED)))
        .singleElement()
        .extracting(Removed::reason)
        .asString()
        .contains("without a manifest");
    assertThat(BackupTakerTest.filesIn(layout.deviceDir(DEVICE))).containsExactly("restores");
    assertThat(BackupTakerTest.filesIn(layout.restoreJournalDir(DEVICE))).isEmpty();
  }

  @Test
  void leftoversYoungerThanTheGracePeriodAreKeptForAWorkerThatMayStillBeWritingThem()
      throws IOException {
    write(layout.copyInProgress(DEVICE, UNFINISHED), JUST_NOW);
    write(layout.backupFile(DEVICE, UNFINISHED), JUST_NOW);
    write(fleet.restoreInProgress(DEVICE), JUST_NOW);
    Path link = fleet.preRestore(DEVICE, CommandId.of("r-1/rv-0001/restore/1"), JUST_NOW);
    Files.createLink(link, live);

    assertThat(sweeper().sweep()).isEmpty();
    assertThat(link).exists();
  }

  @Test
  void aBackupNamedByAManifestIsNeverDeletedNorAnyFileOfAnotherShape() throws IOException {
    BackupCompleted finished = backUp("r-1/rv-0001/backup/1");
    Path backupFile = layout.backupFile(DEVICE, finished.backupId());
    // Companions of a finished backup, as opening it to look inside leaves them.
    write(SqliteCompanions.shm(backupFile), LONG_AGO);
    age(backupFile);
    age(layout.manifestFile(DEVICE, finished.backupId()));
    // A damaged manifest still claims its backup by its name.
    BackupId damaged = BackupId.of("rv-0001-aaaaaaaaaaaa");
    write(layout.manifestFile(DEVICE, damaged), LONG_AGO);
    write(layout.backupFile(DEVICE, damaged), LONG_AGO);
    // Names this worker never gives.
    for (String name : List.of("notes.db", "rv-0002-0123456789ab.db", ".hidden", "README.txt")) {
      write(layout.deviceDir(DEVICE).resolve(name), LONG_AGO);
    }
    List<String> before = BackupTakerTest.filesIn(layout.deviceDir(DEVICE));

    assertThat(sweeper().sweep()).isEmpty();

    assertThat(BackupTakerTest.filesIn(layout.deviceDir(DEVICE))).isEqualTo(before);
    assertThat(Sha256.of(backupFile)).isEqualTo(finished.sha256());
  }

  @Test
  void theCopyOfAnInterruptedRestoreAndALinkToTheLiveDatabaseAreDeleted() throws IOException {
    Path copy = fleet.restoreInProgress(DEVICE);
    write(copy, LONG_AGO);
    write(SqliteCompanions.wal(copy), LONG_AGO);
    Path link = fleet.preRestore(DEVICE, CommandId.of("r-1/rv-0001/restore/1"), LONG_AGO);
    Files.createLink(link, live);

    List<Removed> removed = sweeper().sweep();

    assertThat(removed)
        .extracting(Removed::file)
        .containsExactlyInAnyOrder(copy, SqliteCompanions.wal(copy), link);
    assertThat(BackupTakerTest.filesIn(fleetDir)).containsExactly("rv-0001.db");
    assertThat(DeviceDatabases.pragma(live, "integrity_check")).isEqualTo("ok");
  }

  @Test
  void aKeptDatabaseThatDiffersFromTheLiveOneIsKeptWithItsCompanions() throws IOException {
    Path kept = fleet.preRestore(DEVICE, CommandId.of("r-1/rv-0001/restore/1"), LONG_AGO);
    Files.copy(live, kept);
    write(SqliteCompanions.wal(kept), LONG_AGO);
    // As named before names carried the command's tag.
    Path keptEarlier = fleetDir.resolve("rv-0001.db.pre-restore-20261101T000000000Z");
    Files.copy(live, keptEarlier);
    write(SqliteCompanions.wal(live), LONG_AGO);
    write(SqliteCompanions.shm(live), LONG_AGO);
    age(live);
    List<String> before = BackupTakerTest.filesIn(fleetDir);

    assertThat(sweeper().sweep()).isEmpty();

    assertThat(BackupTakerTest.filesIn(fleetDir)).isEqualTo(before);
  }

  @Test
  void sweepingOneDeviceLeavesTheLeftoversOfOthers() throws IOException {
    BackupId otherUnfinished = BackupId.of("rv-0002-0123456789ab");
    write(layout.backupFile(DEVICE, UNFINISHED), LONG_AGO);
    write(layout.backupFile(OTHER, otherUnfinished), LONG_AGO);
    write(fleet.restoreInProgress(DEVICE), LONG_AGO);
    write(fleet.restoreInProgress(OTHER), LONG_AGO);

    List<Removed> removed = sweeper().sweep(DEVICE);

    assertThat(removed)
        .extracting(Removed::file)
        .containsExactlyInAnyOrder(
            layout.backupFile(DEVICE, UNFINISHED), fleet.restoreInProgress(DEVICE));
    assertThat(layout.backupFile(OTHER, otherUnfinished)).exists();
    assertThat(fleet.restoreInProgress(OTHER)).exists();
  }

  @Test
  void afterEachCommandTheDatabasesFolderIsLookedAtOnlyOnceARestoreWasAttempted()
      throws IOException {
    write(layout.backupFile(DEVICE, UNFINISHED), LONG_AGO);
    write(fleet.restoreInProgress(DEVICE), LONG_AGO);

    assertThat(sweeper().sweepAfterWork(DEVICE))
        .extracting(Removed::file)
        .containsExactly(layout.backupFile(DEVICE, UNFINISHED));
    assertThat(fleet.restoreInProgress(DEVICE)).exists();

    Files.createDirectories(layout.restoreJournalDir(DEVICE));
    assertThat(sweeper().sweepAfterWork(DEVICE))
        .extracting(Removed::file)
        .containsExactly(fleet.restoreInProgress(DEVICE));
  }

  @Test
  void aSweepOfTheBackupDirectoryAloneNeverLooksAtTheFleet() throws IOException {
    write(layout.backupFile(DEVICE, UNFINISHED), LONG_AGO);
    write(fleet.restoreInProgress(DEVICE), LONG_AGO);

    List<Removed> removed =
        OrphanSweeper.forBackupDir(backupDir, GRACE, Clock.fixed(NOW, ZoneOffset.UTC)).sweep();

    assertThat(removed)
        .extracting(Removed::file)
        .containsExactly(layout.backupFile(DEVICE, UNFINISHED));
    assertThat(fleet.restoreInProgress(DEVICE)).exists();
  }

  @Test
  void aDeviceFolderThatIsASymbolicLinkIsNotSwept(@TempDir Path elsewhere) throws IOException {
    Path outside = elsewhere.resolve("." + UNFINISHED + ".tmp");
    write(outside, LONG_AGO);
    Files.createSymbolicLink(backupDir.resolve(DEVICE.value()), elsewhere);

    assertThat(sweeper().sweep(DEVICE)).isEmpty();
    assertThat(outside).exists();
  }

  private BackupCompleted backUp(String commandId) {
    return (BackupCompleted)
        new BackupTaker(
                layout, fleet, FreeSpaceProbe.fileStore(), Clock.fixed(LONG_AGO, ZoneOffset.UTC))
            .backup(Commands.takeBackup(DEVICE, commandId));
  }

  private static void write(Path file, Instant modified) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[] {1, 2, 3});
    Files.setLastModifiedTime(file, FileTime.from(modified));
  }

  private static void age(Path file) throws IOException {
    Files.setLastModifiedTime(file, FileTime.from(LONG_AGO));
  }
}
