package dev.flotilla.migration.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.reply.MigrateResult;
import dev.flotilla.testsupport.Commands;
import dev.flotilla.testsupport.DeviceFiles;
import java.nio.file.Path;

/**
 * Devices of the {@code telemetry} set with a large {@code reading} table, so that its migrations
 * take long enough for a deadline or a kill to land in the middle of one.
 */
public final class Telemetry {
  /** Enough rows for V2..V4 to take a few hundred milliseconds here. */
  public static final int READINGS = 100_000;

  private static final int VEHICLES = 50;

  private Telemetry() {}

  /** A device at V1 whose vehicles and {@code readings} readings were written at V1. */
  public static Path deviceAtV1(TestWorker worker, Path fleetDir, DeviceId device, int readings) {
    Path file = DeviceFiles.createEmpty(fleetDir, device);
    MigrateResult result =
        worker.migrate.handle(Commands.migrate(device, TestSets.TELEMETRY, VersionId.of(1)));
    assertThat(result.succeeded()).as("%s", result).isTrue();
    DeviceFiles.execute(
        file,
        "WITH RECURSIVE v(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM v WHERE i < "
            + VEHICLES
            + ") INSERT INTO vehicle (id, name) SELECT i, 'vehicle ' || i FROM v",
        // A reading every 37 s, the vehicles in turn, temperatures scattered over -20..40 °C.
        "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < "
            + readings
            + ") INSERT INTO reading (id, vehicle_id, recorded_at, celsius)"
            + " SELECT i, 1 + i % "
            + VEHICLES
            + ", 1700000000 + i * 37, round(-20 + (i * 7919 % 6000) / 100.0, 2) FROM r");
    return file;
  }

  public static void migrateTo(TestWorker worker, DeviceId device, int version) {
    MigrateResult result =
        worker.migrate.handle(Commands.migrate(device, TestSets.TELEMETRY, VersionId.of(version)));
    assertThat(result.succeeded()).as("%s", result).isTrue();
  }
}
