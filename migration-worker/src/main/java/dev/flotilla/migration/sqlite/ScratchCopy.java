package dev.flotilla.migration.sqlite;

import dev.flotilla.devicedb.open.Deadline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throw-away copy of a device database in a folder of its own under a scratch root (the worker's
 * data dir, never the fleet folder), for rehearsing a migration. Closing deletes the folder with
 * the copy, its WAL and its index.
 */
public final class ScratchCopy implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScratchCopy.class);

  private final Path root;
  private final Path folder;
  private final DeviceDatabase copy;

  private ScratchCopy(Path root, Path folder, DeviceDatabase copy) {
    this.root = root;
    this.folder = folder;
    this.copy = copy;
  }

  /**
   * Copies {@code source} (see {@link DeviceDatabase#copyTo}) into a new folder under {@code root},
   * waiting for the application's locks no longer than the deadline.
   *
   * @throws IOException when the folder cannot be made
   * @throws SQLException when the copy fails (a full disk, an unreadable source); nothing is left
   *     behind
   */
  public static ScratchCopy of(DeviceDatabase source, Path root, Deadline deadline)
      throws IOException, SQLException {
    Path absoluteRoot = root.toAbsolutePath().normalize();
    Files.createDirectories(absoluteRoot);
    // A folder per copy: a copy never meets another one's leftovers.
    Path folder = Files.createTempDirectory(absoluteRoot, source.device().value() + "-");
    ScratchCopy scratch =
        new ScratchCopy(absoluteRoot, folder, DeviceDatabase.in(folder, source.device()));
    try {
      source.copyTo(scratch.copy.file(), deadline);
      return scratch;
    } catch (Exception | Error e) {
      scratch.close();
      throw e;
    }
  }

  /** Deletes every copy left under {@code root}, by a worker that stopped in the middle of one. */
  public static void deleteLeftovers(Path root) throws IOException {
    Path absoluteRoot = root.toAbsolutePath().normalize();
    if (!Files.isDirectory(absoluteRoot)) {
      return;
    }
    List<Path> folders;
    try (Stream<Path> children = Files.list(absoluteRoot)) {
      folders = children.filter(Files::isDirectory).toList();
    }
    for (Path folder : folders) {
      deleteTree(absoluteRoot, folder);
    }
  }

  /** The copy, as a device database of the same device id. */
  public DeviceDatabase database() {
    return copy;
  }

  /** Deletes the copy; a failure is logged, and the next start of the worker deletes it. */
  @Override
  public void close() {
    try {
      deleteTree(root, folder);
    } catch (IOException e) {
      LOG.warn("could not delete the scratch copy {}: {}", folder, e.toString());
    }
  }

  private static void deleteTree(Path root, Path folder) throws IOException {
    Path target = folder.toAbsolutePath().normalize();
    // Never anything outside the scratch root, whatever the paths turn out to be.
    if (!target.startsWith(root) || target.equals(root)) {
      throw new IOException(target + " is not a scratch folder under " + root);
    }
    if (!Files.exists(target)) {
      return;
    }
    List<Path> paths;
    try (Stream<Path> tree = Files.walk(target)) {
      paths = tree.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path path : paths) {
      Files.deleteIfExists(path);
    }
  }
}
