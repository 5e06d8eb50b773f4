package dev.flotilla.migration.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.reply.WorkerReply;
import dev.flotilla.devkit.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link CrashChild} in a JVM of its own. Started ahead of time, so that it gets ready (warms up)
 * while the test looks at the previous run; then told to go and killed with SIGKILL ({@code
 * destroyForcibly}) a chosen time later, or left to finish.
 */
final class CrashChildProcess implements AutoCloseable {
  /** Far longer than any run takes; only a hung child meets it. */
  private static final Duration PATIENCE = Duration.ofSeconds(120);

  private static final MessageCodec CODEC = new MessageCodec();

  /**
   * How the child ended.
   *
   * @param reply the reply it printed, when it got that far before it was killed
   * @param goToReplyNanos from GO to the printed reply, -1 without a reply
   */
  record Ending(Optional<WorkerReply> reply, long goToReplyNanos) {}

  private final Process process;
  private final Path errors;
  private final List<String> output = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private final CompletableFuture<Void> outputEnded = new CompletableFuture<>();
  private final AtomicLong replyAtNanos = new AtomicLong(-1);
  private final AtomicReference<String> replyJson = new AtomicReference<>();
  private final ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();

  private CrashChildProcess(Process process, Path errors) {
    this.process = process;
    this.errors = errors;
  }

  /** Starts the child with the arguments of {@link CrashChild#main}; it warms up meanwhile. */
  static CrashChildProcess start(Path workDir, List<String> args) throws IOException {
    Path errors = workDir.resolve("child-stderr.txt");
    Process process =
        ChildJvm.processFor(workDir, CrashChild.class, args).redirectError(errors.toFile()).start();
    CrashChildProcess child = new CrashChildProcess(process, errors);
    Thread reader = new Thread(child::readOutput, "crash-child-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
    return child;
  }

  /**
   * Waits until the child is ready, tells it to go, kills it {@code killAfterGo} later (never when
   * empty) and waits for its end.
   */
  Ending go(Optional<Duration> killAfterGo) throws Exception {
    try {
      ready.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      throw new AssertionError("the child never got ready: " + output + " " + stderr(), e);
    }
    Writer input = process.outputWriter(StandardCharsets.UTF_8);
    input.write(CrashChild.GO + "\n");
    input.flush();
    long goAtNanos = System.nanoTime();
    killAfterGo.ifPresent(
        delay -> killer.schedule(process::destroyForcibly, delay.toNanos(), TimeUnit.NANOSECONDS));
    boolean ended = process.waitFor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(ended).as("the child hung: %s %s", output, stderr()).isTrue();
    outputEnded.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    if (killAfterGo.isEmpty()) {
      assertThat(process.exitValue()).as("%s %s", output, stderr()).isZero();
    }
    Optional<WorkerReply> reply =
        Optional.ofNullable(replyJson.get()).map(json -> CODEC.decode(json, WorkerReply.class));
    long replyAt = replyAtNanos.get();
    return new Ending(reply, replyAt < 0 ? -1 : replyAt - goAtNanos);
  }

  private void readOutput() {
    try (BufferedReader lines = process.inputReader(StandardCharsets.UTF_8)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        output.add(line);
        if (line.equals(CrashChild.READY)) {
          ready.complete(null);
        } else if (line.startsWith(CrashChild.REPLY_PREFIX)) {
          replyAtNanos.set(System.nanoTime());
          replyJson.set(line.substring(CrashChild.REPLY_PREFIX.length()));
        }
      }
    } catch (IOException e) {
      output.add("reading the child's output failed: " + e);
    } finally {
      ready.completeExceptionally(new IllegalStateException("the child's output ended"));
      outputEnded.complete(null);
    }
  }

  private String stderr() {
    try {
      return Files.exists(errors) ? Files.readString(errors) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Override
  public void close() {
    killer.shutdownNow();
    process.destroyForcibly();
  }
}
