package dev.flotilla.backup;

import dev.flotilla.contracts.device.DeviceInventoryReport;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.reply.Restored;
import dev.flotilla.devicedb.SqliteCompanions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * The inventory's word on a device after a restore put an older database back: its version and size
 * now, observed when the restored file was read. What the device says about itself is its own to
 * report, on its own topic, and is not touched.
 */
final class RestoredDeviceReports {
  private final FleetLayout fleet;
  private final Clock clock;

  RestoredDeviceReports(FleetLayout fleet, Clock clock) {
    this.fleet = fleet;
    this.clock = clock;
  }

  DeviceInventoryReport after(Restored restored) throws IOException {
    Instant observedAt = clock.instant();
    Path live = fleet.database(restored.deviceId());
    long sizeBytes =
        DurableFiles.sizeOrZero(live) + DurableFiles.sizeOrZero(SqliteCompanions.wal(live));
    return new DeviceInventoryReport(
        MessageId.random(),
        clock.instant(),
        restored.deviceId(),
        observedAt,
        restored.version(),
        sizeBytes);
  }
}
