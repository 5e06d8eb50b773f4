package dev.flotilla.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.backup.BackupVerification.Status;
import dev.flotilla.contracts.command.TakeBackup;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.reply.BackupCompleted;
import dev.flotilla.contracts.reply.BackupResult;
import dev.flotilla.devicedb.SqliteCompanions;
import dev.flotilla.testsupport.Commands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backups killed with SIGKILL in a separate JVM ({@link CrashChild}) at random instants of their
 * work, and at the narrowest one (file renamed into place, manifest not yet written). After each
 * kill the device database holds exactly what it held, sound; a manifest only ever describes a
 * complete backup; a start-up sweep removes only garbage; and the redelivered command succeeds with
 * a backup that verifies and holds the device's data.
 */
class BackupCrashIT {
  private static final Logger LOG = LoggerFactory.getLogger(BackupCrashIT.class);
  private static final DeviceId DEVICE = DeviceId.of("rv-crash");
  private static final int RUNS = 20;
  private static final String MANIFEST_WRITTEN = "manifest written, no reply yet";
  private static final String RENAMED = "renamed, manifest not yet written";
  private static final String TEST_RESTORING = "test-restoring";
  private static final String COPYING = "copying or checksumming";

  @TempDir static Path templates;

  private static StartingStates starts;

  @TempDir Path runs;

  @BeforeAll
  static void prepareDeviceDatabases() throws IOException {
    Path checkpointed = Files.createDirectories(templates.resolve("checkpointed"));
    Path database = new FleetLayout(checkpointed).database(DEVICE);
    DeviceDatabases.create(database);
    DeviceDatabases.addReadings(database, 10_000);
    DeviceDatabases.addServiceNotes(database, 8_000);
    starts =
        StartingStates.of(
            templates,
            checkpointed,
            DEVICE,
            "UPDATE service_note SET body = upper(body) WHERE id % 97 = 0",
            "DELETE FROM tank_reading WHERE id % 89 = 0",
            "INSERT INTO alarm (coach_id, code, raised_at) VALUES (1, 'DOOR_AJAR', '2026-11-22')");
    LOG.info(
        "Device database: {} bytes, {} rows; the WAL variant's WAL: {} bytes",
        Files.size(database),
        starts.checkpointedContent().rows(),
        Files.size(SqliteCompanions.wal(new FleetLayout(starts.withWal()).database(DEVICE))));
  }

  @Test
  void backupKilledAtRandomInstantsNeverChangesTheDeviceAndItsRedeliverySucceeds() {
    // Every other run starts with committed transactions only in the WAL.
    CrashRun.killAtRandom("Backup", RUNS, run -> new BackupCrash(run, run % 2 == 0), LOG);
  }

  @Test
  void backupKilledWithItsFileInPlaceAndItsManifestHalfWrittenIsTakenAgainOnRedelivery()
      throws IOException {
    BackupCrash crash = killedWhileWritingTheManifest(true);
    // What a kill in the middle of the write leaves: part of the manifest under the temp name.
    Files.writeString(
        DurableFiles.tempFor(crash.manifest()),
        "{\n  \"format\" : 1,\n  \"deviceId\" : \"rv-cr",
        StandardCharsets.UTF_8);

    crash.assertRecovered(false);
  }

  @Test
  void backupKilledWithItsFileInPlaceButNoManifestIsSweptAsUnfinished() throws IOException {
    killedWhileWritingTheManifest(false).assertRecovered(true);
  }

  /**
   * Holds the child between renaming the backup into place and writing its manifest, where a random
   * kill seldom lands: the manifest's temp name is a named pipe, so opening it blocks.
   */
  private BackupCrash killedWhileWritingTheManifest(boolean walContent) throws IOException {
    BackupCrash crash = new BackupCrash(1, walContent);
    Path manifestTemp = DurableFiles.tempFor(crash.manifest());
    Files.createDirectories(manifestTemp.getParent());
    TestFiles.makeFifo(manifestTemp);
    crash.context = "held while writing its manifest";

    crash.start().child.awaitReady().go();
    await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(crash.backupFile()));
    crash.child.killAfter(Duration.ZERO);
    Files.delete(manifestTemp);

    assertThat(crash.phase()).isEqualTo(RENAMED);
    return crash;
  }

  /** One run: its own fleet and backup folders, a child taking one backup, the checks after. */
  private final class BackupCrash extends CrashRun {
    final FleetLayout fleet;
    final BackupLayout layout;
    final TakeBackup command;
    final BackupId backupId;
    final LogicalDump content;

    BackupCrash(int run, boolean walContent) {
      super(runs.resolve("run-" + run));
      fleet = new FleetLayout(fleetDir);
      layout = new BackupLayout(backupDir);
      TestFiles.copyFiles(starts.folderFor(walContent), fleetDir);
      TestFiles.createDirectories(backupDir);
      command = Commands.takeBackup(DEVICE, "r-crash/" + DEVICE + "/backup/" + run);
      backupId = BackupNaming.backupIdFor(command);
      content = starts.contentOf(walContent);
    }

    @Override
    WorkerCommand command() {
      return command;
    }

    Path backupFile() {
      return layout.backupFile(DEVICE, backupId);
    }

    Path manifest() {
      return layout.manifestFile(DEVICE, backupId);
    }

    @Override
    String readPhase() {
      if (child.result().isPresent()) {
        return REPLIED;
      }
      if (Files.exists(manifest())) {
        return MANIFEST_WRITTEN;
      }
      if (Files.exists(backupFile())) {
        return RENAMED;
      }
      if (anyExists(layout.testRestoreScratch(DEVICE, backupId))) {
        return TEST_RESTORING;
      }
      if (anyExists(layout.copyInProgress(DEVICE, backupId))) {
        return COPYING;
      }
      return UNTOUCHED;
    }

    @Override
    void assertRecovered(boolean sweepFirst) {
      String where = where();
      Path live = fleet.database(DEVICE);
      LogicalDump afterCrash = LogicalDump.ofCopy(live, dir.resolve("dump"));
      assertThat(afterCrash.integrity()).as(where).isEqualTo("ok");
      assertThat(afterCrash).as(where + ": the device database changed").isEqualTo(content);
      Optional<String> finished = manifestsDescribeCompleteBackups(where);

      if (sweepFirst) {
        assertSweepRemovesOnlyGarbage(where, finished);
      }

      BackupResult reply =
          new BackupTaker(layout, fleet, FreeSpaceProbe.fileStore(), Clock.systemUTC())
              .backup(command);
      assertThat(reply).as(where + ": the redelivery").isInstanceOf(BackupCompleted.class);
      finished.ifPresent(
          sha256 ->
              assertThat(((BackupCompleted) reply).sha256())
                  .as(where + ": the redelivery must replay the finished backup")
                  .isEqualTo(sha256));
      assertThat(verify()).as(where + ": the backup after the redelivery").isEqualTo(Status.INTACT);
      assertThat(LogicalDump.ofCopy(backupFile(), dir.resolve("dump")))
          .as(where + ": the backup's content")
          .isEqualTo(content);
      assertThat(TestFiles.namesIn(layout.deviceDir(DEVICE)))
          .as(where + ": the backup folder after the redelivery")
          .containsExactly(
              backupFile().getFileName().toString(), manifest().getFileName().toString());
      TestFiles.deleteTree(dir);
    }

    /** Every manifest names a backup whose bytes match it; returns the finished one's sha256. */
    private Optional<String> manifestsDescribeCompleteBackups(String where) {
      try {
        for (BackupVerification check : new BackupCatalog(backupDir).checkAll(DEVICE, true)) {
          if (Files.exists(layout.manifestFile(DEVICE, check.backupId()))) {
            assertThat(check.status())
                .as(where + ": a manifest must describe a complete backup: " + check.detail())
                .isEqualTo(Status.INTACT);
          }
        }
        return Files.exists(manifest())
            ? Optional.of(ManifestFiles.read(manifest()).sha256())
            : Optional.empty();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /**
     * A sweep as at start-up, with no grace period: it leaves the backup folder holding the
     * finished backup and its manifest, or nothing; and the device database and its WAL as they
     * are.
     */
    private void assertSweepRemovesOnlyGarbage(String where, Optional<String> finished) {
      List<String> fleetBefore = TestFiles.namesIn(fleetDir);
      try {
        new OrphanSweeper(layout, Optional.of(fleet), Duration.ZERO, Clock.systemUTC()).sweep();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      assertThat(TestFiles.namesIn(layout.deviceDir(DEVICE)))
          .as(where + ": the backup folder after the start-up sweep")
          .isEqualTo(
              finished.isPresent()
                  ? List.of(
                      backupFile().getFileName().toString(), manifest().getFileName().toString())
                  : List.of());
      assertThat(TestFiles.namesIn(fleetDir))
          .as(where + ": the sweep must leave the device database and its companions")
          .isEqualTo(fleetBefore);
      if (finished.isPresent()) {
        assertThat(verify())
            .as(where + ": the finished backup after the sweep")
            .isEqualTo(Status.INTACT);
      }
    }

    private Status verify() {
      try {
        return new BackupCatalog(backupDir).verify(DEVICE, backupId).status();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private boolean anyExists(Path database) {
      return SqliteCompanions.withCompanions(database).stream().anyMatch(Files::exists);
    }
  }
}
