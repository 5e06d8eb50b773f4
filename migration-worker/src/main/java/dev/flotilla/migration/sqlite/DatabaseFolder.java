package dev.flotilla.migration.sqlite;

import dev.flotilla.contracts.InvalidMessageException;
import dev.flotilla.contracts.id.DeviceId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The folder of device databases: device {@code d} lives in {@code <dir>/<d>.db}. */
public record DatabaseFolder(Path dir) {
  private static final String SUFFIX = ".db";

  public DeviceDatabase database(DeviceId device) {
    return DeviceDatabase.in(dir, device);
  }

  /** Every device with a database file here, by id; files whose name is no device id are left. */
  public List<DeviceId> devices() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(Files::isRegularFile)
          .map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(SUFFIX))
          .map(name -> deviceId(name.substring(0, name.length() - SUFFIX.length())))
          .flatMap(Optional::stream)
          .sorted()
          .toList();
    }
  }

  private static Optional<DeviceId> deviceId(String name) {
    try {
      return Optional.of(DeviceId.of(name));
    } catch (InvalidMessageException notADeviceId) {
      return Optional.empty();
    }
  }
}
