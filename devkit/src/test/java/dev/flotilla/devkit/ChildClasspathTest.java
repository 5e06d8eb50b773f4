package dev.flotilla.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.devkit.broker.BrokerMain;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildClasspathTest {
  @TempDir Path dir;

  @Test
  void aManifestOnlyJarIsExpandedToTheEntriesItNames() throws Exception {
    Path library = jar(dir.resolve("repo/lib a.jar"), null);
    Path absolute = jar(dir.resolve("elsewhere/b.jar"), null);
    Path classes = Files.createDirectories(dir.resolve("module/classes"));
    // surefire writes relative, URL-encoded entries; absolute file URLs occur too
    Path booter =
        jar(
            dir.resolve("module/booter/boot.jar"),
            "../../repo/lib%20a.jar ../classes/ " + absolute.toUri() + " ../missing.jar");

    assertThat(ChildClasspath.expand(booter.toString()))
        .containsExactly(booter, library, classes, absolute);
  }

  @Test
  void nestedManifestsAreFollowedOnce() throws Exception {
    Path leaf = jar(dir.resolve("leaf.jar"), null);
    Path middle = jar(dir.resolve("middle.jar"), "leaf.jar middle.jar");
    Path top = jar(dir.resolve("top.jar"), "middle.jar leaf.jar");

    assertThat(ChildClasspath.expand(top.toString())).containsExactly(top, middle, leaf);
  }

  @Test
  void theClasspathOfThisJvmHoldsTheKafkaServerAndTheChildEntryPoint() throws Exception {
    Path kafka =
        Path.of(kafka.Kafka.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path devkit =
        Path.of(BrokerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());

    assertThat(ChildClasspath.ofCurrentJvm()).contains(kafka, devkit);
  }

  private static Path jar(Path file, String classPath) throws Exception {
    Files.createDirectories(file.getParent());
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (classPath != null) {
      manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
    }
    try (OutputStream out = Files.newOutputStream(file);
        JarOutputStream jar = new JarOutputStream(out, manifest)) {
      jar.flush();
    }
    return file;
  }
}
