package dev.flotilla.backup;

import dev.flotilla.contracts.id.DeviceId;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Where device databases live: device {@code d} is {@code <fleet dir>/<d>.db}. */
public final class FleetLayout {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

  private final Path root;

  public FleetLayout(Path fleetDir) {
    this.root = fleetDir.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  public Path database(DeviceId device) {
    return ContainedPath.child(root, device.value() + ".db");
  }

  /** The restored copy being prepared next to the database, on the same file system. */
  Path restoreInProgress(DeviceId device) {
    return ContainedPath.child(root, "." + device.value() + ".db.restore.tmp");
  }

  /** The database as it was before a restore, kept until the restored one verifies. */
  Path preRestore(DeviceId device, Instant at) {
    return ContainedPath.child(root, preRestorePrefix(device) + STAMP.format(at));
  }

  String preRestorePrefix(DeviceId device) {
    return device.value() + ".db.pre-restore-";
  }
}
