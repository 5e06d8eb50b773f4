package dev.flotilla.backup;

import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.devicedb.DeviceFile;
import dev.flotilla.devicedb.Sha256;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where device databases live, as {@link DeviceFile} says ({@code <fleet dir>/<d>.db}), and the
 * files a restore keeps beside them.
 */
public final class FleetLayout {
  private static final String RESTORE_SUFFIX = ".db.restore.tmp";
  private static final String PRE_RESTORE_INFIX = ".db.pre-restore-";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
  private static final int TAG_DIGITS = 12;
  // The tag is optional: names kept before it existed are still recognised.
  private static final Pattern KEPT_NAME =
      Pattern.compile(
          "(?<device>.+)"
              + Pattern.quote(PRE_RESTORE_INFIX)
              + "(?<stamp>[0-9]{8}T[0-9]{9}Z)(?:-(?<tag>[0-9a-f]{"
              + TAG_DIGITS
              + "}))?");

  private final Path root;

  public FleetLayout(Path fleetDir) {
    this.root = fleetDir.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  public Path database(DeviceId device) {
    return ContainedPath.child(root, DeviceFile.fileName(device));
  }

  /** The restored copy being prepared next to the database, on the same file system. */
  Path restoreInProgress(DeviceId device) {
    return ContainedPath.child(root, "." + device.value() + RESTORE_SUFFIX);
  }

  /**
   * The database as it was before restore {@code command}, kept until the restored one verifies:
   * {@code <d>.db.pre-restore-<UTC time>-<first 12 hex of SHA-256(commandId)>}. The time says when
   * it was kept; the tag says which command kept it, so a redelivered command recognises what its
   * own crashed attempt left.
   */
  Path preRestore(DeviceId device, CommandId command, Instant at) {
    return ContainedPath.child(
        root, preRestorePrefix(device) + STAMP.format(at) + "-" + tagOf(command));
  }

  String preRestorePrefix(DeviceId device) {
    return device.value() + PRE_RESTORE_INFIX;
  }

  /**
   * A pre-restore name taken apart.
   *
   * @param keptBy the tag of the command that kept it; empty for names from before tags
   */
  record KeptName(String device, Instant keptAt, Optional<String> keptBy) {
    boolean keptBy(CommandId command) {
      return keptBy.equals(Optional.of(tagOf(command)));
    }
  }

  /** Takes a pre-restore file name apart; empty for any other name, companions included. */
  static Optional<KeptName> parseKept(String name) {
    Matcher matcher = KEPT_NAME.matcher(name);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new KeptName(
              matcher.group("device"),
              Instant.from(STAMP.parse(matcher.group("stamp"))),
              Optional.ofNullable(matcher.group("tag"))));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The device whose restore copy a file name is; empty for any other name. */
  static Optional<String> deviceOfRestoreCopy(String name) {
    return name.startsWith(".") && name.endsWith(RESTORE_SUFFIX)
        ? Optional.of(name.substring(1, name.length() - RESTORE_SUFFIX.length()))
        : Optional.empty();
  }

  private static String tagOf(CommandId command) {
    return Sha256.of(command.value()).substring(0, TAG_DIGITS);
  }
}
