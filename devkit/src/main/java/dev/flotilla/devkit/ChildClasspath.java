package dev.flotilla.devkit;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The classpath of the broker's child JVM, taken from the JVM we run in: it already holds the Kafka
 * server and its dependencies (devkit depends on them), whether it is a test run, a failsafe run of
 * another module or the CLI's single shaded jar.
 *
 * <p>Three sources, in order, without duplicates: the URLs of the class loaders that loaded devkit
 * (covers launchers that do not use the application class path); {@code java.class.path} with the
 * {@code Class-Path} manifest entries of its jars followed (surefire and failsafe may start tests
 * from a manifest-only jar); and the code source of a few anchor classes the child needs.
 */
final class ChildClasspath {
  /** Classes the child cannot start without; their jars are added if not found above. */
  private static final List<Class<?>> ANCHORS =
      List.of(
          dev.flotilla.devkit.broker.BrokerMain.class,
          kafka.Kafka.class,
          scala.Predef.class,
          org.apache.kafka.clients.admin.Admin.class,
          org.slf4j.LoggerFactory.class);

  private ChildClasspath() {}

  static List<Path> ofCurrentJvm() {
    Set<Path> entries = new LinkedHashSet<>();
    for (ClassLoader loader = ChildClasspath.class.getClassLoader();
        loader != null;
        loader = loader.getParent()) {
      if (loader instanceof URLClassLoader) {
        for (URL url : ((URLClassLoader) loader).getURLs()) {
          toPath(url).ifPresent(path -> addWithManifest(path, entries));
        }
      }
    }
    entries.addAll(expand(System.getProperty("java.class.path", "")));
    for (Class<?> anchor : ANCHORS) {
      CodeSource source = anchor.getProtectionDomain().getCodeSource();
      if (source != null && source.getLocation() != null) {
        toPath(source.getLocation()).ifPresent(path -> addWithManifest(path, entries));
      }
    }
    return List.copyOf(entries);
  }

  /** The entries of a class path string, each jar followed by its manifest {@code Class-Path}. */
  static Set<Path> expand(String classPath) {
    Set<Path> entries = new LinkedHashSet<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        toPath(entry).ifPresent(path -> addWithManifest(path, entries));
      }
    }
    return entries;
  }

  /** The class path as one {@code -cp} value. */
  static String join(List<Path> entries) {
    List<String> parts = new ArrayList<>(entries.size());
    entries.forEach(path -> parts.add(path.toString()));
    return String.join(File.pathSeparator, parts);
  }

  private static void addWithManifest(Path path, Set<Path> entries) {
    Path normalized = path.toAbsolutePath().normalize();
    if (!Files.exists(normalized) || !entries.add(normalized)) {
      return;
    }
    if (Files.isRegularFile(normalized)) {
      for (Path referenced : manifestClassPath(normalized)) {
        addWithManifest(referenced, entries);
      }
    }
  }

  /** Entries of a jar's {@code Class-Path}: space-separated URLs relative to the jar itself. */
  private static List<Path> manifestClassPath(Path jar) {
    String classPath;
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      if (manifest == null) {
        return List.of();
      }
      classPath = manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
    } catch (IOException notAJar) {
      return List.of();
    }
    if (classPath == null || classPath.isBlank()) {
      return List.of();
    }
    URI base = jar.toUri();
    List<Path> referenced = new ArrayList<>();
    for (String entry : classPath.trim().split("\\s+")) {
      try {
        URI uri = base.resolve(new URI(entry));
        if ("file".equals(uri.getScheme())) {
          referenced.add(Path.of(uri));
        }
      } catch (URISyntaxException | IllegalArgumentException e) {
        // an entry we cannot read cannot help the child either
      }
    }
    return referenced;
  }

  private static Optional<Path> toPath(URL url) {
    try {
      URI uri = url.toURI();
      return "file".equals(uri.getScheme()) ? Optional.of(Path.of(uri)) : Optional.empty();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<Path> toPath(String entry) {
    try {
      return Optional.of(Path.of(entry));
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }
}
