package dev.flotilla.migration.inventory;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.device.DeviceInventoryReport;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.devicedb.history.SchemaHistory;
import dev.flotilla.migration.sqlite.DatabaseFolder;
import dev.flotilla.migration.sqlite.DeviceDatabase;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports what the fleet folder holds: one {@link DeviceInventoryReport} per device database, with
 * its schema version and size, observed when the file was read. A database that cannot be read is
 * still reported (version 0), so a broken device stays visible to the coordinator and is refused by
 * its safety check rather than forgotten. What the device says about itself is not the worker's to
 * report: it has a topic of its own.
 */
public final class FleetInventory {
  private static final Logger LOG = LoggerFactory.getLogger(FleetInventory.class);

  private final DatabaseFolder fleet;
  private final Clock clock;

  public FleetInventory(DatabaseFolder fleet, Clock clock) {
    this.fleet = fleet;
    this.clock = clock;
  }

  /** A report for every device database in the fleet folder. */
  public List<DeviceInventoryReport> reportAll() throws IOException {
    List<DeviceInventoryReport> reports = new ArrayList<>();
    for (DeviceId device : fleet.devices()) {
      report(device).ifPresent(reports::add);
    }
    return reports;
  }

  /** A report for one device, empty when its database file does not exist. */
  public Optional<DeviceInventoryReport> report(DeviceId device) {
    DeviceDatabase database = fleet.database(device);
    // Observed before reading: a later report of the same file is never taken for an older one.
    Instant observedAt = clock.instant();
    long sizeBytes;
    try {
      sizeBytes = database.sizeBytes();
    } catch (IOException missing) {
      return Optional.empty();
    }
    return Optional.of(
        new DeviceInventoryReport(
            MessageId.random(),
            clock.instant(),
            device,
            observedAt,
            schemaVersion(database),
            sizeBytes));
  }

  private static VersionId schemaVersion(DeviceDatabase database) {
    try (Handle handle = database.openForReading()) {
      return SchemaHistory.currentVersion(handle.getConnection());
    } catch (Exception unreadable) {
      LOG.warn("cannot read the schema version of {}: {}", database, unreadable.getMessage());
      return VersionId.ZERO;
    }
  }
}
