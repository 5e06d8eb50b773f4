package dev.flotilla.devkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Starts a class's {@code main} in a separate JVM with this JVM's class path, so that a test can
 * kill a real process (kill -9) in the middle of its work and look at what it left on disk.
 *
 * <p>The class path goes in a java argument file in {@code workDir} (no command-line length limit
 * applies), and the environment variables that would pass this JVM's agents or options on to the
 * child are removed.
 */
public final class ChildJvm {
  private ChildJvm() {}

  /**
   * A process builder for {@code java -cp <this class path> mainClass args...}, with a small heap
   * and quick start-up flags; the caller chooses redirections and starts it.
   */
  public static ProcessBuilder processFor(Path workDir, Class<?> mainClass, List<String> args) {
    return processFor(
        workDir,
        mainClass,
        List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
        args);
  }

  /**
   * As {@link #processFor(Path, Class, List)}, with {@code jvmOptions} instead of the small-heap,
   * quick-start flags: for a child whose speed and memory are measured, which should run as a
   * service would (e.g. the JVM's default collector and heap, or a flight recording).
   */
  public static ProcessBuilder processFor(
      Path workDir, Class<?> mainClass, List<String> jvmOptions, List<String> args) {
    Set<Path> classpath = new LinkedHashSet<>(ChildClasspath.ofCurrentJvm());
    CodeSource source = mainClass.getProtectionDomain().getCodeSource();
    if (source != null && source.getLocation() != null) {
      classpath.addAll(ChildClasspath.expand(Path.of(toUri(source)).toString()));
    }
    Path argFile = workDir.resolve("child-classpath-" + mainClass.getSimpleName() + ".args");
    try {
      Files.createDirectories(workDir);
      Files.writeString(
          argFile,
          "-cp\n\""
              + ChildClasspath.join(new ArrayList<>(classpath)).replace("\\", "\\\\")
              + "\"\n",
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the child's class path to " + argFile, e);
    }
    List<String> command = new ArrayList<>();
    command.add(JavaExecutable.current());
    // The defaults suit a short-lived child: it gains nothing from the optimising compiler but
    // starts slower with it.
    command.addAll(jvmOptions);
    command.add("-Djava.awt.headless=true");
    command.add("@" + argFile);
    command.add(mainClass.getName());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    Map<String, String> environment = builder.environment();
    environment.remove("CLASSPATH");
    environment.remove("JAVA_TOOL_OPTIONS");
    environment.remove("JDK_JAVA_OPTIONS");
    return builder;
  }

  private static URI toUri(CodeSource source) {
    try {
      return source.getLocation().toURI();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("Unusable code source " + source.getLocation(), e);
    }
  }
}
