package dev.flotilla.testsupport.crash;

import dev.flotilla.devkit.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * One child JVM running a test-side main class, its output read line by line as it comes, so the
 * test can act the moment the child reports {@link ChildProtocol#READY} and kill it (SIGKILL) when
 * it chooses.
 */
public final class ChildRun implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(120);
  private static final String SLF4J_PROVIDER = "slf4j.provider";
  private static final String NO_LOGGING = "org.slf4j.helpers.NOP_FallbackServiceProvider";

  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private final Thread reader;

  private ChildRun(Process process) {
    this.process = process;
    this.reader = new Thread(this::readOutput, "child-" + process.pid() + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  public static ChildRun start(Path workDir, Class<?> main, List<String> args) {
    return start(quiet(ChildJvm.processFor(workDir, main, args)));
  }

  /**
   * Without logging: starting logback takes as long again as the rest of a child's start-up, and a
   * child's reply already carries the reason for any failure.
   */
  public static ProcessBuilder quiet(ProcessBuilder java) {
    List<String> command = new ArrayList<>(java.command());
    command.add(1, "-D" + SLF4J_PROVIDER + "=" + NO_LOGGING);
    return java.command(command);
  }

  public static ChildRun start(ProcessBuilder builder) {
    try {
      return new ChildRun(builder.redirectErrorStream(true).start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + builder.command(), e);
    }
  }

  /** Waits for the child to report that the work is about to start. */
  public ChildRun awaitReady() {
    try {
      ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return this;
    } catch (TimeoutException | ExecutionException e) {
      throw new AssertionError("the child never got ready; its output:\n" + output(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Lets the child start its work. */
  public ChildRun go() {
    try {
      OutputStream in = process.getOutputStream();
      in.write((ChildProtocol.GO + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
      return this;
    } catch (IOException e) {
      throw new AssertionError("the child is gone; its output:\n" + output(), e);
    }
  }

  /** SIGKILL {@code delay} after this call, unless the child has exited by then; then waits. */
  public void killAfter(Duration delay) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try {
      timer.schedule(process::destroyForcibly, delay.toNanos(), TimeUnit.NANOSECONDS);
      awaitExit();
    } finally {
      timer.shutdownNow();
    }
  }

  /**
   * Waits in a tight loop until {@code condition} holds (a file appearing, say) or the child exits;
   * returns whether it held.
   */
  public boolean spinUntil(BooleanSupplier condition) {
    while (process.isAlive()) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.onSpinWait();
    }
    return false;
  }

  /**
   * Kills the child in a state a kill in flight seldom catches. Once {@code from} holds (polled
   * while the child runs, since stepping is slow), steps it: freezes it (SIGSTOP), tests {@code
   * held} while it is frozen, and lets it run on (SIGCONT) until {@code held} is true; then SIGKILL
   * while it is still frozen, so it dies in exactly that state. Both tests are POSIX shell function
   * bodies given {@code args} as {@code $1...}. Call right after {@link #go()}; returns whether
   * {@code held} came true before the child exited.
   *
   * <p>A step lasts as long as the scheduler lets the child run: microseconds while a CPU is free,
   * a time slice on a saturated machine, when a window narrower than that can be stepped over.
   */
  public boolean killWhenFrozenIn(String from, String held, List<String> args) {
    String stepper =
        "pid=$1; shift\n"
            + ("from() {\n" + from + "\n}\n")
            + ("held() {\n" + held + "\n}\n")
            + "while ! from \"$@\"; do kill -0 \"$pid\" 2>/dev/null || break; done\n"
            + "while kill -STOP \"$pid\" 2>/dev/null; do\n"
            + "  if held \"$@\"; then kill -KILL \"$pid\"; kill -CONT \"$pid\"; echo HELD; exit 0; fi\n"
            + "  kill -CONT \"$pid\"\n"
            + "done\n"
            + "echo EXITED\n";
    List<String> command = new ArrayList<>(List.of("sh", "-c", stepper, "stepper"));
    command.add(String.valueOf(process.pid()));
    command.addAll(args);
    try {
      Process steps = new ProcessBuilder(command).redirectErrorStream(true).start();
      String said = new String(steps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      steps.waitFor();
      awaitExit();
      return said.contains("HELD");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } finally {
      process.destroyForcibly();
    }
  }

  /** Waits for the child to end on its own. */
  public ChildRun awaitExit() {
    try {
      process.onExit().get(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      reader.join(EXIT_TIMEOUT.toMillis());
      return this;
    } catch (TimeoutException | ExecutionException e) {
      process.destroyForcibly();
      throw new AssertionError("the child did not end; its output:\n" + output(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  public int exitValue() {
    return process.exitValue();
  }

  /** The {@code DONE} line's result, when the child got that far. */
  public Optional<String> result() {
    return doneLine()
        .map(line -> line.substring(line.indexOf(' ', ChildProtocol.DONE.length()) + 1));
  }

  /** How long the child's work took, when it finished. */
  public Optional<Duration> workTime() {
    return doneLine()
        .map(
            line ->
                Duration.ofMillis(
                    Long.parseLong(
                        line.substring(
                            ChildProtocol.DONE.length(),
                            line.indexOf(' ', ChildProtocol.DONE.length())))));
  }

  /** Lines the child printed that start with {@code prefix}, without it. */
  public synchronized List<String> linesStartingWith(String prefix) {
    return lines.stream()
        .filter(line -> line.startsWith(prefix))
        .map(line -> line.substring(prefix.length()))
        .toList();
  }

  public synchronized String output() {
    return String.join("\n", lines);
  }

  private synchronized Optional<String> doneLine() {
    return lines.stream().filter(line -> line.startsWith(ChildProtocol.DONE)).findFirst();
  }

  private void readOutput() {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        synchronized (this) {
          lines.add(line);
        }
        if (line.equals(ChildProtocol.READY)) {
          ready.complete(null);
        }
      }
    } catch (IOException e) {
      // The pipe breaks when the child is killed; what was read is kept.
    } finally {
      ready.completeExceptionally(new IllegalStateException("the child's output ended"));
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
