package dev.flotilla.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.reply.BackupCompleted;
import dev.flotilla.contracts.reply.RestoreResult;
import dev.flotilla.contracts.reply.Restored;
import dev.flotilla.devicedb.FileOwnership;
import dev.flotilla.testsupport.ApplicationUser;
import dev.flotilla.testsupport.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker runs as root against databases another user owns, in nested layouts and through a
 * link; after a restore the application, as its own user (setpriv, numeric ids with no passwd
 * entry), still opens and writes its database. Needs root, as CI has: it fails loudly elsewhere.
 */
class RestoreKeepsOwnershipTest {
  private static final DeviceId DEVICE = DeviceId.of("t1");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-22T11:00:00Z"), ZoneOffset.UTC);

  @TempDir Path root;

  @BeforeEach
  void needsRootAndSetpriv() throws IOException {
    assertThat(ApplicationUser.whyNotHere()).as("runs as root, CI does").isEmpty();
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void aNestedDatabaseWithAnotherExtensionIsRestoredAsTheApplicationsOwn() throws Exception {
    Path fleetDir = root.resolve("fleet");
    Path database = fleetDir.resolve("tenants/t1/app.sqlite3");

    Path restored = backUpChangeAndRestore(fleetDir, "tenants/{device}/app.sqlite3", database);

    assertThat(restored).isEqualTo(database);
    assertThat(FileOwnership.of(database)).contains(ApplicationUser.FILE);
    applicationWrites(database);
  }

  @Test
  void aLinkedDatabaseIsRestoredAtTheFileItPointsToAndTheLinkStays() throws Exception {
    Path fleetDir = root.resolve("fleet");
    Path real = fleetDir.resolve("store/t1.db3");
    Path link = fleetDir.resolve("t1/db.sqlite3");
    Files.createDirectories(link.getParent());
    Files.createDirectories(real.getParent());
    DeviceDatabases.create(real);
    Files.createSymbolicLink(link, Path.of("../store/t1.db3"));

    Path restored = backUpChangeAndRestore(fleetDir, "{device}/db.sqlite3", real);

    assertThat(restored).isEqualTo(real.toRealPath());
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("../store/t1.db3"));
    assertThat(FileOwnership.of(real)).contains(ApplicationUser.FILE);
    applicationWrites(link);
  }

  /** Returns the file the restore put back. */
  private Path backUpChangeAndRestore(Path fleetDir, String pattern, Path database)
      throws Exception {
    if (!Files.exists(database)) {
      Files.createDirectories(database.getParent());
      DeviceDatabases.create(database);
    }
    ApplicationUser.owns(fleetDir);
    FleetLayout fleet = new FleetLayout(fleetDir, dev.flotilla.devicedb.FleetLayout.parse(pattern));
    BackupLayout backups = new BackupLayout(Files.createDirectories(root.resolve("backups")));
    BackupCompleted backup =
        (BackupCompleted)
            new BackupTaker(backups, fleet, FreeSpaceProbe.fileStore(), CLOCK)
                .backup(Commands.takeBackup(DEVICE, "r-1/t1/backup/1"));
    DeviceDatabases.migrateToVersion3(fleet.database(DEVICE));
    DeviceDatabases.removeReadings(fleet.database(DEVICE), 40);
    ApplicationUser.owns(fleetDir);

    RestoreResult reply =
        new BackupRestorer(backups, fleet, FreeSpaceProbe.fileStore(), CLOCK)
            .restore(
                Commands.restore(DEVICE, "r-1/t1/restore/1", backup.backupId(), backup.sha256()));

    assertThat(reply).isInstanceOf(Restored.class);
    return fleet.database(DEVICE);
  }

  private static void applicationWrites(Path database) throws Exception {
    ApplicationUser.Run run =
        ApplicationUser.sqlite(
            database,
            "CREATE TABLE app_note(n); INSERT INTO app_note VALUES (1);"
                + " SELECT count(*) FROM app_note; PRAGMA integrity_check;");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.lines()).containsExactly("1", "ok");
  }
}
