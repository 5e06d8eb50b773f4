package dev.flotilla.testsupport;

import dev.flotilla.devicedb.FileOwnership;
import dev.flotilla.devicedb.WorkerIdentity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The device's application as a user of its own, for tests that run the workers as root against
 * files that are not theirs: uid and gid {@value #ID} (numeric, no account needed), folders 0700
 * and files 0600, as an application makes them. Its SQL runs through {@code setpriv} and the {@code
 * sqlite3} shell, so what it can open and write is what the real application could.
 */
public final class ApplicationUser {
  public static final int ID = 4242;
  public static final FileOwnership FILE =
      new FileOwnership(ID, ID, PosixFilePermissions.fromString("rw-------"));
  public static final FileOwnership FOLDER =
      new FileOwnership(ID, ID, PosixFilePermissions.fromString("rwx------"));

  private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
  private static final Path SQLITE3 = Path.of("/usr/bin/sqlite3");

  private ApplicationUser() {}

  /** Why such a test cannot run here (not root, no setpriv or sqlite3), or empty when it can. */
  public static Optional<String> whyNotHere() {
    if (!WorkerIdentity.current().map(WorkerIdentity::isRoot).orElse(false)) {
      return Optional.of("the worker must run as root to work on uid " + ID + "'s files");
    }
    for (Path tool : List.of(SETPRIV, SQLITE3)) {
      if (!Files.isExecutable(tool)) {
        return Optional.of(tool + " is missing");
      }
    }
    return Optional.empty();
  }

  /**
   * Gives every folder and file under {@code dir} to the application, and its links too (their
   * owner only: a link has no mode of its own).
   */
  public static void owns(Path dir) throws IOException {
    for (Path path : below(dir)) {
      (Files.isDirectory(path) ? FOLDER : FILE).applyTo(path);
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path link : paths.filter(Files::isSymbolicLink).toList()) {
        Files.setAttribute(link, "unix:uid", ID, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(link, "unix:gid", ID, LinkOption.NOFOLLOW_LINKS);
      }
    }
  }

  /** Every folder or file under {@code dir} that is no longer the application's, with why. */
  public static List<String> notOwned(Path dir) throws IOException {
    List<String> strays = new ArrayList<>();
    for (Path path : below(dir)) {
      FileOwnership expected = Files.isDirectory(path) ? FOLDER : FILE;
      Optional<FileOwnership> actual = FileOwnership.of(path);
      if (!actual.equals(Optional.of(expected))) {
        strays.add(path + " is " + actual.map(Object::toString).orElse("unknown"));
      }
    }
    return strays;
  }

  /** What the {@code sqlite3} shell said, run as the application. */
  public record Run(int exitCode, String output) {
    public List<String> lines() {
      return output.lines().toList();
    }
  }

  /** Runs {@code sql} on {@code database} as the application would. */
  public static Run sqlite(Path database, String sql) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                List.of(
                    SETPRIV.toString(),
                    "--reuid=" + ID,
                    "--regid=" + ID,
                    "--clear-groups",
                    SQLITE3.toString(),
                    database.toString(),
                    sql))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(process.waitFor(), output);
  }

  private static List<Path> below(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths.filter(path -> !Files.isSymbolicLink(path)).toList();
    }
  }
}
