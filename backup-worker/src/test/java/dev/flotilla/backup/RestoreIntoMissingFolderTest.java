package dev.flotilla.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.reply.BackupCompleted;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.contracts.reply.RestoreFailed;
import dev.flotilla.contracts.reply.RestoreResult;
import dev.flotilla.contracts.reply.Restored;
import dev.flotilla.testsupport.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore puts a nested database back into its folder but never makes the folder: a missing one
 * is a removed device or an unmounted volume, and the restore refuses for good, writing nothing.
 */
class RestoreIntoMissingFolderTest {
  private static final DeviceId DEVICE = DeviceId.of("t1");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-22T11:00:00Z"), ZoneOffset.UTC);

  @TempDir Path root;
  private Path fleetDir;
  private Path database;
  private FleetLayout fleet;
  private BackupLayout backups;
  private BackupCompleted backup;

  @BeforeEach
  void backUpANestedDatabase() throws IOException {
    fleetDir = root.resolve("fleet");
    database = fleetDir.resolve("tenants/t1/app.sqlite3");
    Files.createDirectories(database.getParent());
    DeviceDatabases.create(database);
    fleet =
        new FleetLayout(
            fleetDir, dev.flotilla.devicedb.FleetLayout.parse("tenants/{device}/app.sqlite3"));
    backups = new BackupLayout(Files.createDirectories(root.resolve("backups")));
    backup =
        (BackupCompleted)
            new BackupTaker(backups, fleet, FreeSpaceProbe.fileStore(), CLOCK)
                .backup(Commands.takeBackup(DEVICE, "r-1/t1/backup/1"));
  }

  @Test
  void aDeviceWhoseFolderIsGoneIsRefusedForGoodAndNoFolderIsMade() throws IOException {
    deleteTree(database.getParent());

    RestoreResult reply = restore();

    assertThat(reply)
        .isInstanceOfSatisfying(
            RestoreFailed.class,
            failed -> {
              assertThat(failed.failure().kind()).isEqualTo(FailureKind.BUSINESS);
              assertThat(failed.failure().code()).isEqualTo(BackupRestorer.DEVICE_FOLDER_MISSING);
              assertThat(failed.failure().reason())
                  .startsWith("device-folder-missing: nothing was restored")
                  .contains(database.getParent().toString());
            });
    assertThat(database.getParent()).doesNotExist();
    assertThat(fleetDir.resolve("tenants")).isEmptyDirectory();
  }

  @Test
  void aDatabaseGoneFromAFolderStillThereIsRecreatedInIt() throws IOException {
    Files.delete(database);

    assertThat(restore()).isInstanceOf(Restored.class);
    assertThat(database).isRegularFile();
  }

  private RestoreResult restore() {
    return new BackupRestorer(backups, fleet, FreeSpaceProbe.fileStore(), CLOCK)
        .restore(Commands.restore(DEVICE, "r-1/t1/restore/1", backup.backupId(), backup.sha256()));
  }

  private static void deleteTree(Path folder) throws IOException {
    try (var files = Files.walk(folder)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
