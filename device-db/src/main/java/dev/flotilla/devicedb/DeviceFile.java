package dev.flotilla.devicedb;

import dev.flotilla.contracts.InvalidMessageException;
import dev.flotilla.contracts.id.DeviceId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a device's database lives: where the fleet's {@link FleetLayout} puts it ({@code <fleet
 * dir>/<d>.db} by default), with SQLite's companions beside it ({@link SqliteCompanions}). The one
 * path rule of the workers, the CLI, the demo generator and the bench.
 *
 * <p>A database that is a symbolic link is followed: {@link #path} is the file it points to, so
 * reads, writes, companions and a restore all happen at the real file, and the link stays as the
 * application made it. A link that leads outside the fleet folder is refused ({@link
 * OutsideFleetException}).
 */
public record DeviceFile(DeviceId device, Path path) {
  /** What a device database's file name ends with. */
  public static final String SUFFIX = ".db";

  /** In a fleet laid out as {@link FleetLayout#DEFAULT}, {@code <fleet dir>/<d>.db}. */
  public static DeviceFile in(Path fleetDir, DeviceId device) {
    return in(fleetDir, FleetLayout.DEFAULT, device);
  }

  /**
   * The database of {@code device} in a fleet laid out as {@code layout}, a link followed.
   *
   * @throws OutsideFleetException when it is a link to a file outside {@code fleetDir}
   */
  public static DeviceFile in(Path fleetDir, FleetLayout layout, DeviceId device) {
    Path root = fleetDir.toAbsolutePath().normalize();
    Path path = layout.pathOf(root, device);
    if (!Files.exists(path)) {
      return new DeviceFile(device, path);
    }
    if (!staysInside(root, path)) {
      throw new OutsideFleetException(
          path + " leads outside the fleet folder " + root + "; Flotilla does not follow it");
    }
    try {
      return new DeviceFile(device, path.toRealPath());
    } catch (IOException unreadableLink) {
      return new DeviceFile(device, path);
    }
  }

  /** Whether {@code file}, its links followed, is inside {@code root} (its links followed too). */
  static boolean staysInside(Path root, Path file) {
    try {
      return file.toRealPath().startsWith(root.toRealPath());
    } catch (IOException unresolvable) {
      return false;
    }
  }

  /** {@code <d>.db}, the file name in a fleet laid out as {@link FleetLayout#DEFAULT}. */
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

  /**
   * Every device with a database file in {@code fleetDir} laid out as {@link FleetLayout#DEFAULT},
   * by id; other files are left out ({@link FleetLayout#list}).
   */
  public static List<DeviceId> devicesIn(Path fleetDir) throws IOException {
    return FleetLayout.DEFAULT.list(fleetDir);
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
