package dev.flotilla.devkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * One Kafka broker per test JVM, started on first use and gone when the JVM exits: integration
 * tests share it instead of paying a broker start each. Tests that kill or bounce a broker must
 * start their own {@link DevBroker}, not this one.
 *
 * <p>When the environment variable {@value #BOOTSTRAP_ENV} is set, tests use that broker instead
 * (an {@link DevBroker#external external} one), e.g. a Kafka container. With {@value #BROKER_ENV}
 * {@code =testcontainers} they use a {@link ContainerBroker}: the {@link KafkaImage} (by default
 * {@code apache/kafka}) started through Testcontainers, which the module's tests must then have on
 * their classpath, and only if the image is present already; {@code devkit} (the default) is the
 * broker in a child JVM.
 */
public final class SharedTestBroker {
  public static final String BOOTSTRAP_ENV = "FLOTILLA_TEST_BOOTSTRAP_SERVERS";
  public static final String BROKER_ENV = "FLOTILLA_TEST_BROKER";

  private static DevBroker broker;
  private static RuntimeException startFailure;

  private SharedTestBroker() {}

  /**
   * The shared broker, started on the first call; thread-safe. If it could not start, every later
   * call fails at once with the same cause instead of waiting for another start to fail.
   */
  public static synchronized DevBroker get() {
    if (startFailure != null) {
      throw new DevBrokerException(
          "The shared test broker failed to start earlier in this JVM", startFailure);
    }
    if (broker == null) {
      try {
        broker = start(System.getenv(BOOTSTRAP_ENV), System.getenv(BROKER_ENV));
      } catch (RuntimeException e) {
        startFailure = e;
        throw e;
      }
    }
    return broker;
  }

  /** Shortcut for {@code get().bootstrapServers()}. */
  public static String bootstrapServers() {
    return get().bootstrapServers();
  }

  /** The broker the two environment variables ask for; an external address wins. */
  static DevBroker start(String external, String kind) {
    if (external != null && !external.isBlank()) {
      return DevBroker.external(external);
    }
    String chosen = kind == null || kind.isBlank() ? "devkit" : kind.strip();
    return switch (chosen) {
      case "devkit" -> startOwnBroker();
      case "testcontainers" -> startContainer(KafkaImage.name());
      default ->
          throw new DevBrokerException(
              BROKER_ENV + " must be devkit or testcontainers, not '" + chosen + "'");
    };
  }

  /** A container broker, or at once the reason none can start here without pulling an image. */
  static DevBroker startContainer(String image) {
    requireClass(ContainerBroker.TESTCONTAINERS_CLASS);
    Optional<String> unavailable = ContainerBroker.unavailable(image);
    if (unavailable.isPresent()) {
      throw new DevBrokerException(
          BROKER_ENV + "=testcontainers cannot start " + image + ": " + unavailable.get());
    }
    ContainerBroker container = ContainerBroker.start(image);
    Runtime.getRuntime()
        .addShutdownHook(new Thread(container::close, "flotilla-kafka-container-exit"));
    return DevBroker.external(container.bootstrapServers());
  }

  /** Testcontainers is devkit's optional dependency: its absence is named before it is used. */
  static void requireClass(String className) {
    try {
      Class.forName(className);
    } catch (ClassNotFoundException e) {
      throw new DevBrokerException(
          BROKER_ENV
              + "=testcontainers needs org.testcontainers:testcontainers on the test class path"
              + " (no "
              + className
              + ")");
    }
  }

  private static DevBroker startOwnBroker() {
    Path workDir = newWorkDir();
    DevBroker started = DevBroker.start(workDir);
    // At exit a test broker is killed, not stopped: its data is thrown away anyway.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  started.kill();
                  deleteQuietly(workDir);
                },
                "flotilla-shared-test-broker-exit"));
    return started;
  }

  /** Under the build's {@code target/} when there is one (surefire runs in the module). */
  private static Path newWorkDir() {
    try {
      Path target = Path.of(System.getProperty("user.dir"), "target");
      if (Files.isDirectory(target)) {
        Path parent = Files.createDirectories(target.resolve("devkit-brokers"));
        return Files.createTempDirectory(parent, "shared-");
      }
      return Files.createTempDirectory("flotilla-shared-broker-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a work directory for the test broker", e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException e)
                throws IOException {
              Files.delete(directory);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // a leftover temp directory is harmless; the JVM is exiting
    }
  }
}
