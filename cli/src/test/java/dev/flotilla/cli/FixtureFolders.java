package dev.flotilla.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * migration-worker's folder fixtures, one library schema laid out by each tool ({@code
 * migration-worker/src/test/resources/folders/<tool>}), read where they lie in the source tree: the
 * tests run in the cli module's folder, and a copy would drift from the folders the readers are
 * tested on.
 */
final class FixtureFolders {
  private static final Path ROOT =
      Path.of("")
          .toAbsolutePath()
          .resolveSibling("migration-worker")
          .resolve("src/test/resources/folders");

  private FixtureFolders() {}

  /** {@code flyway}, {@code sqlx}, {@code diesel}, {@code golang-migrate}, {@code goose}, … */
  static Path of(String tool) {
    Path folder = ROOT.resolve(tool);
    if (!Files.isDirectory(folder)) {
      throw new IllegalStateException(
          "no fixture folder " + folder + " (the tests run from the cli module's folder)");
    }
    return folder;
  }
}
