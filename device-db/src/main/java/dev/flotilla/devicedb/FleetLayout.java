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
 * Where each device's database lies under a fleet folder: a relative path pattern with one {@code
 * {device}} placeholder, {@code {device}.db} by default, or as applications lay their files out:
 * {@code tenants/{device}/app.sqlite3}, {@code {device}/db.sqlite3}. The device id is what the
 * placeholder matched. A pure value: it reads no file, apart from {@link #list} walking the folder.
 *
 * <p>The placeholder sits inside one path segment, alone or with a literal prefix and suffix there
 * ({@code {device}.db}, {@code db-{device}.sqlite}); a pattern is refused when it is absolute, has
 * no placeholder or several, an empty segment, a {@code .} or {@code ..} segment, a braces outside
 * the placeholder, or ends in a companion's suffix ({@code -wal}, {@code -shm}, {@code -journal}).
 * Device ids carry no separator and never start with a dot, so no resolved path leaves the folder.
 */
public final class FleetLayout {
  public static final String PLACEHOLDER = "{device}";
  public static final FleetLayout DEFAULT = parse(PLACEHOLDER + DeviceFile.SUFFIX);

  private final String pattern;
  private final List<String> segments;
  private final int deviceSegment;
  private final String prefix;
  private final String suffix;

  private FleetLayout(String pattern, List<String> segments, int deviceSegment) {
    this.pattern = pattern;
    this.segments = segments;
    this.deviceSegment = deviceSegment;
    String segment = segments.get(deviceSegment);
    int at = segment.indexOf(PLACEHOLDER);
    this.prefix = segment.substring(0, at);
    this.suffix = segment.substring(at + PLACEHOLDER.length());
  }

  /**
   * Reads a pattern; {@link InvalidLayoutException} says what is wrong with a refused one.
   *
   * @param pattern segments separated by {@code /}, e.g. {@code tenants/{device}/app.sqlite3}
   */
  public static FleetLayout parse(String pattern) {
    if (pattern == null || pattern.isBlank()) {
      throw new InvalidLayoutException("the layout is empty; the default is {device}.db");
    }
    if (pattern.startsWith("/") || pattern.startsWith("\\") || pattern.matches("^[A-Za-z]:.*")) {
      throw new InvalidLayoutException(
          "'" + pattern + "' is absolute; a layout is a path inside the fleet folder");
    }
    if (pattern.contains("\\")) {
      throw new InvalidLayoutException("'" + pattern + "' has a backslash; separate with /");
    }
    List<String> segments = List.of(pattern.split("/", -1));
    int deviceSegment = -1;
    for (int i = 0; i < segments.size(); i++) {
      String segment = segments.get(i);
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new InvalidLayoutException(
            "'" + pattern + "' has an empty, '.' or '..' segment; no path may leave the folder");
      }
      int placeholders = occurrences(segment, PLACEHOLDER);
      String literal = segment.replace(PLACEHOLDER, "");
      if (literal.contains("{") || literal.contains("}")) {
        throw new InvalidLayoutException(
            "'" + pattern + "' has braces other than the one " + PLACEHOLDER + " placeholder");
      }
      if (placeholders > 1 || (placeholders == 1 && deviceSegment >= 0)) {
        throw new InvalidLayoutException(
            "'" + pattern + "' has several " + PLACEHOLDER + " placeholders; it needs exactly one");
      }
      if (placeholders == 1) {
        deviceSegment = i;
      }
    }
    if (deviceSegment < 0) {
      throw new InvalidLayoutException(
          "'" + pattern + "' has no " + PLACEHOLDER + " placeholder; it needs exactly one");
    }
    String fileName = segments.get(segments.size() - 1);
    if (!SqliteCompanions.databaseNameOf(fileName).equals(fileName)) {
      throw new InvalidLayoutException(
          "'" + pattern + "' ends in a companion's suffix (-wal, -shm, -journal)");
    }
    return new FleetLayout(pattern, segments, deviceSegment);
  }

  public String pattern() {
    return pattern;
  }

  /** How many folder levels below the fleet folder a database lies, 1 for a file in it. */
  public int depth() {
    return segments.size();
  }

  /**
   * The database of {@code device} relative to the fleet folder, e.g. {@code tenants/t1/app.db}.
   */
  public Path relativePathOf(DeviceId device) {
    String[] names = segments.toArray(String[]::new);
    names[deviceSegment] = prefix + device.value() + suffix;
    return Path.of(names[0], java.util.Arrays.copyOfRange(names, 1, names.length));
  }

  /** Where the database of {@code device} lies under {@code fleetDir}, as the pattern says. */
  public Path pathOf(Path fleetDir, DeviceId device) {
    Path root = fleetDir.toAbsolutePath().normalize();
    Path path = root.resolve(relativePathOf(device)).normalize();
    if (!path.startsWith(root) || path.equals(root)) {
      throw new InvalidLayoutException(path + " would leave the fleet folder " + root);
    }
    return path;
  }

  /**
   * The device whose database a path relative to the fleet folder is; empty for any other path,
   * companions included, and for what the placeholder matched when it is no device id.
   */
  public Optional<DeviceId> deviceOf(Path relativePath) {
    if (relativePath.isAbsolute() || relativePath.getNameCount() != segments.size()) {
      return Optional.empty();
    }
    for (int i = 0; i < segments.size(); i++) {
      if (i != deviceSegment && !segments.get(i).equals(relativePath.getName(i).toString())) {
        return Optional.empty();
      }
    }
    String name = relativePath.getName(deviceSegment).toString();
    if (name.length() <= prefix.length() + suffix.length()
        || !name.startsWith(prefix)
        || !name.endsWith(suffix)) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          DeviceId.of(name.substring(prefix.length(), name.length() - suffix.length())));
    } catch (InvalidMessageException notADeviceId) {
      return Optional.empty();
    }
  }

  /**
   * Every device with a database file under {@code fleetDir}, by id. The walk goes only as deep as
   * the pattern and does not follow links to folders; a database that is a link to a file inside
   * the folder counts, one that leads outside it does not.
   */
  public List<DeviceId> list(Path fleetDir) throws IOException {
    Path root = fleetDir.toAbsolutePath().normalize();
    try (Stream<Path> files = Files.walk(root, segments.size())) {
      return files
          .filter(file -> file.getNameCount() - root.getNameCount() == segments.size())
          .filter(file -> deviceOf(root.relativize(file)).isPresent())
          .filter(file -> Files.isRegularFile(file) && DeviceFile.staysInside(root, file))
          .map(file -> deviceOf(root.relativize(file)).orElseThrow())
          .sorted()
          .toList();
    }
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      count++;
    }
    return count;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FleetLayout layout && layout.pattern.equals(pattern);
  }

  @Override
  public int hashCode() {
    return pattern.hashCode();
  }

  @Override
  public String toString() {
    return pattern;
  }
}
