package dev.flotilla.bench;

import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.devkit.DemoFleet;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * What fleet operators run today: Flyway configured and loaded for each database in turn, its
 * folder holding the {@code V} scripts, the devices baselined at version 2 on first contact.
 * Flyway's defaults otherwise: one transaction per migration, its own history table ({@code
 * flyway_schema_history}, CRC32 checksums), validation of applied migrations before migrating, and
 * the connection as sqlite-jdbc opens it.
 */
final class FlywayLoop implements MigrationVariant {
  private final Path fleetDir;
  private final Path flywayFolder;
  private final String baselineVersion;
  private final String targetVersion;

  FlywayLoop(Path fleetDir, Path flywayFolder, int baselineVersion, int targetVersion) {
    this.fleetDir = fleetDir;
    this.flywayFolder = flywayFolder;
    this.baselineVersion = String.valueOf(baselineVersion);
    this.targetVersion = String.valueOf(targetVersion);
  }

  @Override
  public String key() {
    return "flyway";
  }

  @Override
  public String title() {
    return "Flyway loop";
  }

  @Override
  public String does() {
    return "configures and loads Flyway per database, creates flyway_schema_history with a"
        + " baseline row at V2, validates, applies V3..V5 in one transaction each with a"
        + " history row (CRC32 checksum)";
  }

  @Override
  public Path fleetDir() {
    return fleetDir;
  }

  @Override
  public void migrateAll(List<DeviceId> devices) {
    for (DeviceId device : devices) {
      MigrateResult result = configure(device).load().migrate();
      check(device, result);
    }
  }

  /** Migrates the device with a callback that reads the connection Flyway applies scripts on. */
  @Override
  public ConnectionSettings connectionSettings(DeviceId device) throws SQLException {
    AtomicReference<ConnectionSettings> seen = new AtomicReference<>();
    AtomicReference<SQLException> failure = new AtomicReference<>();
    Callback probe =
        new Callback() {
          @Override
          public boolean supports(Event event, Context context) {
            return event == Event.BEFORE_EACH_MIGRATE;
          }

          @Override
          public boolean canHandleInTransaction(Event event, Context context) {
            return true;
          }

          @Override
          public void handle(Event event, Context context) {
            try {
              seen.compareAndSet(null, ConnectionSettings.of(context.getConnection()));
            } catch (SQLException e) {
              failure.set(e);
            }
          }

          @Override
          public String getCallbackName() {
            return "bench-settings-probe";
          }
        };
    check(device, configure(device).callbacks(probe).load().migrate());
    if (failure.get() != null) {
      throw failure.get();
    }
    if (seen.get() == null) {
      throw new IllegalStateException("Flyway applied no migration to " + device);
    }
    return seen.get();
  }

  private FluentConfiguration configure(DeviceId device) {
    return Flyway.configure()
        .dataSource(
            "jdbc:sqlite:" + DemoFleet.databaseOf(fleetDir, device).toAbsolutePath(), null, null)
        .locations("filesystem:" + flywayFolder.toAbsolutePath())
        .baselineOnMigrate(true)
        .baselineVersion(baselineVersion);
  }

  private void check(DeviceId device, MigrateResult result) {
    if (!result.success || !targetVersion.equals(result.targetSchemaVersion)) {
      throw new IllegalStateException(
          "Flyway left "
              + device
              + " at version "
              + result.targetSchemaVersion
              + " (success: "
              + result.success
              + ")");
    }
  }
}
