package dev.flotilla.backup;

import dev.flotilla.contracts.device.DeviceConditionsView;
import dev.flotilla.contracts.device.DeviceReport;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.reply.Restored;
import dev.flotilla.devicedb.SqliteCompanions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The inventory's word on a device after a restore put an older database back: its version and size
 * now. The groups and conditions the device reported are carried over, because on the compacted
 * {@code flotilla.devices} a report replaces the previous one whole.
 */
final class RestoredDeviceReports {
  private final FleetLayout fleet;
  private final DeviceConditionsView reported;
  private final Clock clock;

  RestoredDeviceReports(FleetLayout fleet, DeviceConditionsView reported, Clock clock) {
    this.fleet = fleet;
    this.reported = reported;
    this.clock = clock;
  }

  DeviceReport after(Restored restored) throws IOException {
    Path live = fleet.database(restored.deviceId());
    long sizeBytes =
        DurableFiles.sizeOrZero(live) + DurableFiles.sizeOrZero(SqliteCompanions.wal(live));
    return new DeviceReport(
        MessageId.random(),
        clock.instant(),
        restored.deviceId(),
        restored.version(),
        sizeBytes,
        reported.groups(restored.deviceId()),
        reported.conditions(restored.deviceId()).orElse(null));
  }
}
