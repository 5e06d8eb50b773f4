package dev.flotilla.migration.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.device.ReportedDevices;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.reply.MigrateResult;
import dev.flotilla.contracts.reply.RolledBack;
import dev.flotilla.contracts.reply.SafetyCheckPassed;
import dev.flotilla.contracts.reply.VerificationPassed;
import dev.flotilla.devicedb.FleetLayout;
import dev.flotilla.migration.sqlite.DatabaseFolder;
import dev.flotilla.migration.testing.TestSets;
import dev.flotilla.testsupport.ApplicationUser;
import dev.flotilla.testsupport.Commands;
import dev.flotilla.testsupport.DeviceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker runs as root against databases another user owns, in a nested layout and through a
 * link; after a migration and after a rollback the application, as its own user (setpriv, numeric
 * ids with no passwd entry), still opens and writes its database, and every file at the device's
 * place keeps the application's owner and mode. Needs root, as CI has: it fails loudly elsewhere.
 */
class MigrationKeepsOwnershipTest {
  private static final DeviceId DEVICE = DeviceId.of("t1");

  @TempDir Path root;

  @BeforeEach
  void needsRootAndSetpriv() throws IOException {
    assertThat(ApplicationUser.whyNotHere()).as("runs as root, CI does").isEmpty();
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void aNestedDatabaseStaysTheApplicationsThroughAMigrationAndARollback() throws Exception {
    Path fleetDir = root.resolve("fleet");
    Path database = fleetDir.resolve("tenants/t1/app.sqlite3");
    Files.createDirectories(database.getParent());
    DeviceFiles.execute(database, "PRAGMA journal_mode = WAL");

    migrateAndRollBack(fleetDir, "tenants/{device}/app.sqlite3", database, database);
  }

  @Test
  void aLinkedDatabaseIsMigratedAndRolledBackAtItsFileAndTheLinkStays() throws Exception {
    Path fleetDir = root.resolve("fleet");
    Path real = fleetDir.resolve("store/x.db3");
    Path link = fleetDir.resolve("t1/db.sqlite3");
    Files.createDirectories(real.getParent());
    Files.createDirectories(link.getParent());
    DeviceFiles.execute(real, "PRAGMA journal_mode = WAL");
    Files.createSymbolicLink(link, Path.of("../store/x.db3"));

    migrateAndRollBack(fleetDir, "{device}/db.sqlite3", real, link);

    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("../store/x.db3"));
  }

  /**
   * @param database the file the application's data is in
   * @param opened the path the application opens, the database or a link to it
   */
  private void migrateAndRollBack(Path fleetDir, String pattern, Path database, Path opened)
      throws Exception {
    Steps worker = workerOver(fleetDir, FleetLayout.parse(pattern));
    migrate(worker, 1);
    DeviceFiles.execute(
        database,
        "INSERT INTO vehicle (id, vin, name) VALUES (1, 'VIN-A', 'Airstream')",
        "INSERT INTO trip (vehicle_id, km) VALUES (1, 120.5)");
    ApplicationUser.owns(fleetDir);
    assertThat(
            worker
                .safetyCheck()
                .handle(Commands.safetyCheck(DEVICE, TestSets.GARAGE, VersionId.of(4), false)))
        .isInstanceOf(SafetyCheckPassed.class);

    migrate(worker, 4);
    assertThat(worker.verify().handle(Commands.verify(DEVICE, TestSets.GARAGE, VersionId.of(4))))
        .isInstanceOf(VerificationPassed.class);
    assertThat(ApplicationUser.notOwned(fleetDir)).isEmpty();
    applicationWrites(opened, "VIN-B");

    assertThat(
            worker.rollback().handle(Commands.rollback(DEVICE, TestSets.GARAGE, VersionId.of(1))))
        .isInstanceOf(RolledBack.class);
    assertThat(ApplicationUser.notOwned(fleetDir)).isEmpty();
    applicationWrites(opened, "VIN-C");
    assertThat(DeviceFiles.count(database, "SELECT count(*) FROM vehicle")).isEqualTo(3);
  }

  private Steps workerOver(Path fleetDir, FleetLayout layout) {
    return Steps.create(
        new DatabaseFolder(fleetDir, layout),
        TestSets.garageCatalogue(),
        new ReportedDevices(),
        () -> {},
        DiskSpace.ofFileStore(),
        Clock.systemUTC(),
        root.resolve("worker-data/rehearsals"));
  }

  private static void migrate(Steps worker, int version) {
    MigrateResult result =
        worker.migrate().handle(Commands.migrate(DEVICE, TestSets.GARAGE, VersionId.of(version)));
    assertThat(result.succeeded()).as("%s", result).isTrue();
  }

  private static void applicationWrites(Path database, String vin) throws Exception {
    ApplicationUser.Run run =
        ApplicationUser.sqlite(
            database,
            "INSERT INTO vehicle (vin, name) VALUES ('"
                + vin
                + "', 'by the application'); PRAGMA integrity_check;");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.lines()).containsExactly("ok");
  }
}
