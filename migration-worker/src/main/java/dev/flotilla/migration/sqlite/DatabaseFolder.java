package dev.flotilla.migration.sqlite;

import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.devicedb.DeviceFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The folder of device databases: device {@code d} lives in {@code <dir>/<d>.db}. */
public record DatabaseFolder(Path dir) {
  public DeviceDatabase database(DeviceId device) {
    return DeviceDatabase.in(dir, device);
  }

  /** Every device with a database file here, by id; files whose name is no device id are left. */
  public List<DeviceId> devices() throws IOException {
    return DeviceFile.devicesIn(dir);
  }
}
