package dev.flotilla.devkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The {@code java} launcher of the JVM we run in, so the child runs on the same Java. */
final class JavaExecutable {
  private JavaExecutable() {}

  static String current() {
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
    Path fromHome = Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
    if (Files.isExecutable(fromHome)) {
      return fromHome.toString();
    }
    return ProcessHandle.current()
        .info()
        .command()
        .orElseThrow(() -> new DevBrokerException("Cannot find the java executable of this JVM"));
  }
}
