package dev.flotilla.migration.sqlite;

import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.devicedb.FleetLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The folder of device databases: device {@code d} lives where {@code layout} puts it, {@code
 * <dir>/<d>.db} by default.
 */
public record DatabaseFolder(Path dir, FleetLayout layout) {
  /** A fleet laid out as {@link FleetLayout#DEFAULT}. */
  public DatabaseFolder(Path dir) {
    this(dir, FleetLayout.DEFAULT);
  }

  /**
   * @throws dev.flotilla.devicedb.OutsideFleetException when the database is a link leading out
   */
  public DeviceDatabase database(DeviceId device) {
    return DeviceDatabase.in(dir, layout, device);
  }

  /** Every device with a database file here, by id; files whose name is no device id are left. */
  public List<DeviceId> devices() throws IOException {
    return layout.list(dir);
  }
}
