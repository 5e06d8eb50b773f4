package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.devkit.ApplicationWriterMain;
import dev.flotilla.devkit.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The applications of a few devices, each a process of its own ({@link ApplicationWriterMain}) that
 * commits a row every {@code pause} into its device's database, as a real device's application does
 * while Flotilla backs it up and migrates it from other processes.
 */
final class WritingApplications implements AutoCloseable {
  private static final Pattern LONGEST_WRITE = Pattern.compile("longest write (\\d+) ms");
  private static final Duration START_WAIT = Duration.ofSeconds(60);
  private static final long STOP_WAIT_SECONDS = 30;

  private final Map<DeviceId, Running> running;

  private record Running(Process process, Path keys, Path output) {}

  /**
   * What an application did: the key of every row it saw committed, in order, and what it printed.
   */
  record Written(int exitCode, List<Long> keys, String output) {
    boolean failedAWrite() {
      return exitCode != 0 || output.contains(ApplicationWriterMain.FAILED);
    }

    /** The longest a single write waited and ran, as the application measured it. */
    long longestWriteMillis() {
      Matcher matcher = LONGEST_WRITE.matcher(output);
      return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }
  }

  private WritingApplications(Map<DeviceId, Running> running) {
    this.running = running;
  }

  /**
   * Starts one application per database and returns once each has committed its first row. Each
   * runs {@code insert} with its next key (1, 2, …) as the one parameter.
   */
  static WritingApplications start(
      Path workDir, Map<DeviceId, Path> databases, String insert, Duration pause)
      throws IOException {
    WritingApplications applications = new WritingApplications(new LinkedHashMap<>());
    try {
      for (Map.Entry<DeviceId, Path> device : databases.entrySet()) {
        // One folder per application: ChildJvm writes its class-path file there.
        Path dir = Files.createDirectories(workDir.resolve(device.getKey().value()));
        Path keys = dir.resolve("committed-keys.txt");
        Path output = dir.resolve("application.log");
        Process process =
            ChildJvm.processFor(
                    dir,
                    ApplicationWriterMain.class,
                    List.of(
                        device.getValue().toString(),
                        insert,
                        Long.toString(pause.toMillis()),
                        keys.toString()))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        applications.running.put(device.getKey(), new Running(process, keys, output));
      }
      for (Map.Entry<DeviceId, Running> application : applications.running.entrySet()) {
        Running app = application.getValue();
        await()
            .atMost(START_WAIT)
            .until(
                () ->
                    !app.process().isAlive()
                        || outputOf(app).contains(ApplicationWriterMain.WRITING));
        assertThat(outputOf(app))
            .as("the application of %s", application.getKey())
            .contains(ApplicationWriterMain.WRITING);
      }
    } catch (RuntimeException | Error | IOException e) {
      applications.close();
      throw e;
    }
    return applications;
  }

  /** Closes every application's standard input, which stops it, and collects what it committed. */
  Map<DeviceId, Written> stop() throws IOException, InterruptedException {
    for (Running app : running.values()) {
      app.process().getOutputStream().close();
    }
    Map<DeviceId, Written> written = new TreeMap<>();
    for (Map.Entry<DeviceId, Running> application : running.entrySet()) {
      Running app = application.getValue();
      if (!app.process().waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            "the application of " + application.getKey() + " did not stop: " + outputOf(app));
      }
      List<Long> keys =
          Files.exists(app.keys())
              ? Files.readAllLines(app.keys()).stream().map(Long::valueOf).toList()
              : List.of();
      written.put(
          application.getKey(), new Written(app.process().exitValue(), keys, outputOf(app)));
    }
    return written;
  }

  private static String outputOf(Running app) throws IOException {
    return Files.exists(app.output()) ? Files.readString(app.output()) : "";
  }

  /** Kills whatever still runs (a test that failed before {@link #stop()}). */
  @Override
  public void close() {
    for (Running app : running.values()) {
      app.process().destroyForcibly();
    }
  }
}
