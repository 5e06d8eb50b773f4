package dev.flotilla.migration.catalogue.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.migration.catalogue.MigrationFolderException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.ListAssert;

/** The folders under {@code src/test/resources/folders}, and folders written by a test. */
final class FolderFixtures {
  private FolderFixtures() {}

  /** {@code folders/<tool>}, as laid out on disk. */
  static Path fixture(String tool) {
    URL url = FolderFixtures.class.getResource("/folders/" + tool);
    if (url == null) {
      throw new IllegalArgumentException("no fixture folder " + tool);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code text} to {@code dir/relative}, making its directories. */
  static void write(Path dir, String relative, String text) {
    Path file = dir.resolve(relative);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The problems the folder is refused with, when read in {@code format}. */
  static ListAssert<String> refusal(Path dir, FolderFormat format) {
    return problemsOf(() -> FolderReader.read(dir, format));
  }

  /** The problems of the {@link MigrationFolderException} that {@code call} must throw. */
  static ListAssert<String> problemsOf(Runnable call) {
    try {
      call.run();
    } catch (MigrationFolderException e) {
      return assertThat(e.problems());
    }
    throw new AssertionError("expected the folder to be refused");
  }
}
