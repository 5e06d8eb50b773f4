package dev.flotilla.bench;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.device.ReportedDevices;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.reply.MigrateResult;
import dev.flotilla.contracts.reply.MigrationsApplied;
import dev.flotilla.devicedb.DeviceFile;
import dev.flotilla.devicedb.open.DeviceConnections;
import dev.flotilla.migration.catalogue.MigrationFolder;
import dev.flotilla.migration.sqlite.DatabaseFolder;
import dev.flotilla.migration.step.DiskSpace;
import dev.flotilla.migration.step.Steps;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;

/**
 * The migration worker's migrate step, in-process, as the worker runs it for each {@code
 * ApplyMigrations} it consumes (Kafka aside): the device opened for writing with a busy handler
 * bounded by the command's deadline, the command log checked for a redelivery, V3..V5 applied in
 * one transaction under a deadline interrupt, a {@code flotilla_schema_history} row per version
 * (SHA-256 checksum, command id) and the reply recorded in {@code flotilla_command_log}, all in
 * that transaction.
 */
final class FlotillaMigrateStep implements MigrationVariant {
  private final Path fleetDir;
  private final Steps steps;
  private final MigrationSetId set;
  private final int targetVersion;

  /**
   * @param migrationSet the set's folder, read once into the catalogue, as the worker holds it in
   *     memory from {@code flotilla.migrations}
   * @param scratchRoot where dry runs would copy to (none runs here)
   */
  FlotillaMigrateStep(
      Path fleetDir, Path migrationSet, MigrationSetId set, int targetVersion, Path scratchRoot) {
    this.fleetDir = fleetDir;
    this.set = set;
    this.targetVersion = targetVersion;
    this.steps = stepsOver(fleetDir, migrationSet, set, scratchRoot);
  }

  /** The worker's four steps, wired as the worker wires them. */
  static Steps stepsOver(Path fleetDir, Path migrationSet, MigrationSetId set, Path scratchRoot) {
    Catalogue catalogue = Catalogue.of(MigrationFolder.read(set, migrationSet));
    return Steps.create(
        new DatabaseFolder(fleetDir),
        catalogue,
        // Bench devices report no state: nothing to catch up with before migrating.
        new ReportedDevices(),
        () -> {},
        DiskSpace.ofFileStore(),
        Clock.systemUTC(),
        scratchRoot);
  }

  @Override
  public String key() {
    return "flotilla";
  }

  @Override
  public String title() {
    return "Flotilla migrate step";
  }

  @Override
  public String does() {
    return "the worker's migrate step: command-log lookup, V3..V5 in one transaction under a"
        + " deadline interrupt, flotilla_schema_history rows (SHA-256, command id) and the reply in"
        + " flotilla_command_log, committed together";
  }

  @Override
  public Path fleetDir() {
    return fleetDir;
  }

  @Override
  public void migrateAll(List<DeviceId> devices) {
    BenchCommands commands = BenchCommands.forNewRun(set, targetVersion);
    for (DeviceId device : devices) {
      MigrateResult reply = steps.migrate().handle(commands.migrate(device));
      if (!(reply instanceof MigrationsApplied)) {
        throw new IllegalStateException(device + " was not migrated: " + reply);
      }
    }
  }

  @Override
  public ConnectionSettings connectionSettings(DeviceId device) throws Exception {
    return settingsOfWorker(fleetDir, device);
  }

  /** The connection the migrate step writes through: device-db's read-write connection. */
  static ConnectionSettings settingsOfWorker(Path fleetDir, DeviceId device) throws Exception {
    try (Connection connection =
        DeviceConnections.readWrite(DeviceFile.in(fleetDir, device).path())) {
      return ConnectionSettings.of(connection);
    }
  }
}
