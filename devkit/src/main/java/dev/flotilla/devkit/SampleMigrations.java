package dev.flotilla.devkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The sample migration set {@code coachiq}, read from devkit's resources through its {@code INDEX}
 * file, so it works the same from a directory, a jar or a shaded jar.
 */
final class SampleMigrations {
  static final String SET = "coachiq";
  private static final String DIRECTORY = "/dev/flotilla/devkit/migrations/" + SET + "/";

  private SampleMigrations() {}

  /** Every script of the set, in the order of its index. */
  static List<SampleScript> all() {
    List<SampleScript> scripts = new ArrayList<>();
    for (String fileName : index()) {
      scripts.add(SampleScript.of(fileName, read(fileName)));
    }
    return List.copyOf(scripts);
  }

  /** The {@code V} scripts up to {@code version}, in version order. */
  static List<SampleScript> migrationsUpTo(int version) {
    return all().stream()
        .filter(script -> script.isMigration() && script.version() <= version)
        .sorted(Comparator.comparingInt(SampleScript::version))
        .toList();
  }

  private static List<String> index() {
    List<String> names = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(open("INDEX"), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String name = line.strip();
        if (!name.isEmpty() && !name.startsWith("#")) {
          names.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the index of the sample migrations", e);
    }
    return names;
  }

  private static byte[] read(String fileName) {
    try (InputStream in = open(fileName)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the sample migration " + fileName, e);
    }
  }

  private static InputStream open(String fileName) {
    InputStream in = SampleMigrations.class.getResourceAsStream(DIRECTORY + fileName);
    if (in == null) {
      throw new IllegalStateException(
          "The resource " + DIRECTORY + fileName + " is missing from devkit's jar");
    }
    return in;
  }
}
