package dev.flotilla.migration.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.reply.MigrateResult;
import dev.flotilla.testsupport.Commands;
import dev.flotilla.testsupport.DeviceFiles;
import java.nio.file.Path;

/** Devices of the {@code garage} set with realistic rows in them. */
public final class Garage {
  private Garage() {}

  /**
   * A device at {@code version} (at least 1) whose vehicles and trips were written at V1, so the
   * later versions migrate real data.
   */
  public static Path deviceAt(TestWorker worker, Path fleetDir, DeviceId device, int version) {
    Path file = DeviceFiles.createEmpty(fleetDir, device);
    migrateTo(worker, device, 1);
    DeviceFiles.execute(
        file,
        "INSERT INTO vehicle (id, vin, name) VALUES (1, 'VIN-A', 'Airstream')",
        "INSERT INTO vehicle (id, vin, name) VALUES (2, 'VIN-B', 'Bigfoot')",
        "INSERT INTO vehicle (id, vin, name) VALUES (3, 'VIN-C', 'Coachmen')",
        "INSERT INTO trip (vehicle_id, km) VALUES (1, 120.5)",
        "INSERT INTO trip (vehicle_id, km) VALUES (1, 80)",
        "INSERT INTO trip (vehicle_id, km) VALUES (2, 310)");
    if (version > 1) {
      migrateTo(worker, device, version);
    }
    return file;
  }

  public static void migrateTo(TestWorker worker, DeviceId device, int version) {
    MigrateResult result =
        worker.migrate.handle(Commands.migrate(device, TestSets.GARAGE, VersionId.of(version)));
    assertThat(result.succeeded()).as("%s", result).isTrue();
  }
}
