package dev.flotilla.migration.inventory;

import dev.flotilla.contracts.device.DeviceConditionsView;
import dev.flotilla.contracts.device.DeviceReport;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.devicedb.history.SchemaHistory;
import dev.flotilla.migration.sqlite.DatabaseFolder;
import dev.flotilla.migration.sqlite.DeviceDatabase;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports what the fleet folder holds: one {@link DeviceReport} per device database, with its
 * schema version and size. A database that cannot be read is still reported (version 0), so a
 * broken device stays visible to the coordinator and is refused by its safety check rather than
 * forgotten. Groups and conditions the device itself reported are carried over, so that the
 * worker's report does not erase them from the compacted topic.
 */
public final class FleetInventory {
  private static final Logger LOG = LoggerFactory.getLogger(FleetInventory.class);

  private final DatabaseFolder fleet;
  private final DeviceConditionsView reported;
  private final Clock clock;

  public FleetInventory(DatabaseFolder fleet, DeviceConditionsView reported, Clock clock) {
    this.fleet = fleet;
    this.reported = reported;
    this.clock = clock;
  }

  /** A report for every device database in the fleet folder. */
  public List<DeviceReport> reportAll() throws IOException {
    List<DeviceReport> reports = new ArrayList<>();
    for (DeviceId device : fleet.devices()) {
      report(device).ifPresent(reports::add);
    }
    return reports;
  }

  /** A report for one device, empty when its database file does not exist. */
  public Optional<DeviceReport> report(DeviceId device) {
    DeviceDatabase database = fleet.database(device);
    long sizeBytes;
    try {
      sizeBytes = database.sizeBytes();
    } catch (IOException missing) {
      return Optional.empty();
    }
    return Optional.of(
        new DeviceReport(
            MessageId.random(),
            clock.instant(),
            device,
            schemaVersion(database),
            sizeBytes,
            reported.groups(device),
            reported.conditions(device).orElse(null)));
  }

  private static int schemaVersion(DeviceDatabase database) {
    try (Handle handle = database.openForReading()) {
      return SchemaHistory.currentVersion(handle.getConnection());
    } catch (Exception unreadable) {
      LOG.warn("cannot read the schema version of {}: {}", database, unreadable.getMessage());
      return 0;
    }
  }
}
