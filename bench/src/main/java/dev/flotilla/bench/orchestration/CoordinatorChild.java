package dev.flotilla.bench.orchestration;

import dev.flotilla.devkit.ChildJvm;
import dev.flotilla.messaging.KafkaSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The bench's side of a {@link CoordinatorHost}: launches it in a child JVM with the JVM's default
 * collector and heap sizing (as the service would run), waits for it, reads its CPU time and asks
 * it for its live heap. Its log goes to {@code coordinator-<n>.log} in the work directory.
 */
final class CoordinatorChild implements AutoCloseable {
  private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);

  private final Process process;
  private final long launchedAtNanos;
  private final Writer commands;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  private CoordinatorChild(Process process, long launchedAtNanos) {
    this.process = process;
    this.launchedAtNanos = launchedAtNanos;
    this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(this::readLines, "bench-coordinator-child-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts the child; returns at once (see {@link #awaitReady}).
   *
   * @param jvmOptions extra options, e.g. a flight recording; none runs it as a service would
   */
  /** Extra options for every coordinator child, separated by spaces; {name} is its name. */
  static final String PROFILE_OPTIONS = "flotilla.bench.coordinatorJvm";

  static CoordinatorChild launch(
      Path workDir, String name, KafkaSettings kafka, Path dataDir, List<String> jvmOptions) {
    List<String> options = new ArrayList<>(jvmOptions);
    options.add("-Dflotilla.bench.log=" + workDir.resolve(name + ".log"));
    // To profile the coordinator, e.g. -Dflotilla.bench.coordinatorJvm=-XX:StartFlightRecording=...
    for (String option : System.getProperty(PROFILE_OPTIONS, "").split(" ")) {
      if (!option.isBlank()) {
        options.add(option.replace("{name}", name));
      }
    }
    ProcessBuilder builder =
        ChildJvm.processFor(
                workDir,
                CoordinatorHost.class,
                options,
                List.of(
                    kafka.bootstrapServers(),
                    Integer.toString(kafka.partitions()),
                    kafka.instanceId(),
                    dataDir.toString()))
            .redirectError(workDir.resolve(name + ".err").toFile());
    long launched = System.nanoTime();
    try {
      return new CoordinatorChild(builder.start(), launched);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the coordinator's JVM", e);
    }
  }

  /** When the process was launched ({@link System#nanoTime()}). */
  long launchedAtNanos() {
    return launchedAtNanos;
  }

  long pid() {
    return process.pid();
  }

  /** Blocks until the coordinator is deployed; returns when that was read (nanoTime). */
  long awaitReady(Duration timeout) throws InterruptedException {
    expect("READY", timeout);
    return System.nanoTime();
  }

  /** User and system CPU time of the whole process so far. */
  OptionalLong cpuNanos() {
    return ProcessCpu.nanos(process.pid());
  }

  /** The heap still in use after full collections in the child. */
  long liveHeapBytes() throws InterruptedException {
    send("heap");
    return Long.parseLong(expect("HEAP ", Duration.ofMinutes(2)).substring(5).trim());
  }

  /** Undeploys the coordinator (its loop leaves the group) and waits for the process to end. */
  void stop() throws InterruptedException {
    send("stop");
    expect("STOPPED", STOP_TIMEOUT);
    if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("the coordinator's JVM did not exit");
    }
  }

  private void send(String command) {
    try {
      commands.write(command + "\n");
      commands.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("the coordinator's JVM is gone", e);
    }
  }

  private String expect(String prefix, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new IllegalStateException(
            "the coordinator's JVM did not say "
                + prefix.trim()
                + " within "
                + timeout
                + (process.isAlive() ? "" : "; it exited with " + process.exitValue()));
      }
      if (line.startsWith(prefix)) {
        return line;
      }
    }
  }

  private void readLines() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(line);
      }
    } catch (IOException e) {
      // the child is gone
    }
  }

  /** Kills the child if it still runs (a failed bench must not leave it behind). */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
