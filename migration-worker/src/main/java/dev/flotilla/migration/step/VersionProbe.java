package dev.flotilla.migration.step;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.devicedb.history.SchemaHistory;
import dev.flotilla.migration.sqlite.DeviceDatabase;
import org.jdbi.v3.core.Handle;

/** The version a failure reply reports when the failure left the version unknown. */
final class VersionProbe {
  private VersionProbe() {}

  /** The device's current version, or 0 when even that cannot be read. */
  static VersionId currentVersionOrZero(DeviceDatabase database) {
    try (Handle handle = database.openForReading()) {
      return SchemaHistory.currentVersion(handle.getConnection());
    } catch (Exception unreadable) {
      return VersionId.ZERO;
    }
  }
}
