package dev.flotilla.devicedb;

import dev.flotilla.contracts.InvalidMessageException;
import dev.flotilla.contracts.id.DeviceId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a device's database lives: device {@code d} of a fleet folder is {@code <fleet
 * dir>/<d>.db}, with SQLite's companions beside it ({@link SqliteCompanions}). The one path rule of
 * the workers, the demo generator and the bench.
 */
public record DeviceFile(DeviceId device, Path path) {
  /** What a device database's file name ends with. */
  public static final String SUFFIX = ".db";

  public static DeviceFile in(Path fleetDir, DeviceId device) {
    return new DeviceFile(device, fleetDir.resolve(fileName(device)));
  }

  /** {@code <d>.db}. */
  public static String fileName(DeviceId device) {
    return device.value() + SUFFIX;
  }

  /** The device whose database a file name is; empty for any other name, companions included. */
  public static Optional<DeviceId> deviceOf(String fileName) {
    if (!fileName.endsWith(SUFFIX)) {
      return Optional.empty();
    }
    try {
      return Optional.of(DeviceId.of(fileName.substring(0, fileName.length() - SUFFIX.length())));
    } catch (InvalidMessageException notADeviceId) {
      return Optional.empty();
    }
  }

  /** Every device with a database file in {@code fleetDir}, by id; other files are left out. */
  public static List<DeviceId> devicesIn(Path fleetDir) throws IOException {
    try (Stream<Path> files = Files.list(fleetDir)) {
      return files
          .filter(Files::isRegularFile)
          .map(file -> deviceOf(file.getFileName().toString()))
          .flatMap(Optional::stream)
          .sorted()
          .toList();
    }
  }

  public boolean exists() {
    return Files.isRegularFile(path);
  }

  /** The write-ahead log next to the main file, {@code <d>.db-wal}. */
  public Path wal() {
    return SqliteCompanions.wal(path);
  }

  /** The bytes the database occupies: the main file and its write-ahead log. */
  public long sizeBytes() throws IOException {
    return Files.size(path) + walSizeBytes();
  }

  /** The size of the write-ahead log, 0 when there is none. */
  public long walSizeBytes() throws IOException {
    Path wal = wal();
    return Files.exists(wal) ? Files.size(wal) : 0;
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
