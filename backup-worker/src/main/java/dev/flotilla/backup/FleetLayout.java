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
 * Where device databases live, as the fleet's layout and {@link DeviceFile} say ({@code <fleet
 * dir>/<d>.db} by default, a linked database followed to its file), and the files a restore keeps
 * beside them, in the database's own folder so that renames stay on one file system.
 */
public final class FleetLayout {
  private static final String RESTORE_SUFFIX = ".restore.tmp";
  private static final String PRE_RESTORE_INFIX = ".pre-restore-";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
  private static final int TAG_DIGITS = 12;
  // The tag is optional: names kept before it existed are still recognised.
  private static final Pattern KEPT_NAME =
      Pattern.compile(
          "(?<database>.+)"
              + Pattern.quote(PRE_RESTORE_INFIX)
              + "(?<stamp>[0-9]{8}T[0-9]{9}Z)(?:-(?<tag>[0-9a-f]{"
              + TAG_DIGITS
              + "}))?");

  private final Path root;
  private final dev.flotilla.devicedb.FleetLayout layout;

  /** A fleet laid out as {@code {device}.db}. */
  public FleetLayout(Path fleetDir) {
    this(fleetDir, dev.flotilla.devicedb.FleetLayout.DEFAULT);
  }

  public FleetLayout(Path fleetDir, dev.flotilla.devicedb.FleetLayout layout) {
    this.root = fleetDir.toAbsolutePath().normalize();
    this.layout = layout;
  }

  public Path root() {
    return root;
  }

  /**
   * The file holding the device's database, a link followed.
   *
   * @throws dev.flotilla.devicedb.OutsideFleetException when a link leads outside the fleet
   */
  public Path database(DeviceId device) {
    return DeviceFile.in(root, layout, device).path();
  }

  /**
   * The restored copy being prepared next to the database, on the same file system: {@code
   * .<database file name>.restore.tmp}.
   */
  Path restoreInProgress(DeviceId device) {
    Path database = database(device);
    return database.resolveSibling("." + database.getFileName() + RESTORE_SUFFIX);
  }

  /**
   * The database as it was before restore {@code command}, kept until the restored one verifies:
   * {@code <database file name>.pre-restore-<UTC time>-<first 12 hex of SHA-256(commandId)>},
   * beside the database. The time says when it was kept; the tag says which command kept it, so a
   * redelivered command recognises what its own crashed attempt left.
   */
  Path preRestore(DeviceId device, CommandId command, Instant at) {
    return database(device)
        .resolveSibling(preRestorePrefix(device) + STAMP.format(at) + "-" + tagOf(command));
  }

  String preRestorePrefix(DeviceId device) {
    return database(device).getFileName() + PRE_RESTORE_INFIX;
  }

  /**
   * The device whose database a restore's work file beside it belongs to (its restore copy, a
   * companion of that copy, or a pre-restore name), read through the layout; empty for any other
   * file. A linked database's work files lie beside the file it points to, where the layout may not
   * name them: those are left for an operator.
   */
  Optional<DeviceId> deviceOfWorkFile(Path file) {
    String name = file.getFileName().toString();
    Optional<String> database =
        databaseOfRestoreCopy(dev.flotilla.devicedb.SqliteCompanions.databaseNameOf(name))
            .or(() -> parseKept(name).map(KeptName::database));
    if (database.isEmpty() || !file.toAbsolutePath().normalize().startsWith(root)) {
      return Optional.empty();
    }
    return layout.deviceOf(
        root.relativize(file.toAbsolutePath().normalize().resolveSibling(database.get())));
  }

  /** How many folder levels below the fleet folder databases, and so restore files, lie. */
  int depth() {
    return layout.depth();
  }

  /**
   * A pre-restore name taken apart.
   *
   * @param database the file name of the database it was
   * @param keptBy the tag of the command that kept it; empty for names from before tags
   */
  record KeptName(String database, Instant keptAt, Optional<String> keptBy) {
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
              matcher.group("database"),
              Instant.from(STAMP.parse(matcher.group("stamp"))),
              Optional.ofNullable(matcher.group("tag"))));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The database file name whose restore copy a file name is; empty for any other name. */
  static Optional<String> databaseOfRestoreCopy(String name) {
    return name.startsWith(".") && name.endsWith(RESTORE_SUFFIX)
        ? Optional.of(name.substring(1, name.length() - RESTORE_SUFFIX.length()))
        : Optional.empty();
  }

  private static String tagOf(CommandId command) {
    return Sha256.of(command.value()).substring(0, TAG_DIGITS);
  }
}
