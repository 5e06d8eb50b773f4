package dev.flotilla.cli;

import dev.flotilla.ops.access.TestAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Flotilla services as separate processes of the runnable jar, as an operator runs them: checking
 * the tests' tokens ({@link TestAccess}), commands run with an administrator's.
 */
final class ServiceProcesses implements AutoCloseable {
  /** Who the commands run by {@link #run} are, as the audit names them. */
  static final String OPERATOR = "it-operator";

  private final Path jar = Path.of(System.getProperty("flotilla.jar", "target/flotilla.jar"));
  private final Path logs;
  private final Map<String, String> env;
  private final List<Process> running = new ArrayList<>();

  ServiceProcesses(Path logs, Map<String, String> env) {
    this.logs = logs;
    this.env = env;
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("the runnable jar is missing: " + jar + " (run mvn package)");
    }
  }

  Process start(String service, String instance, Map<String, String> extraEnv) throws IOException {
    Files.createDirectories(logs);
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar.toString(),
                service)
            .redirectErrorStream(true)
            .redirectOutput(logs.resolve(service + "-" + instance + ".log").toFile());
    builder.environment().putAll(TestAccess.ENV);
    builder.environment().putAll(env);
    builder.environment().put("FLOTILLA_INSTANCE_ID", service + "-" + instance);
    builder.environment().putAll(extraEnv);
    Process process = builder.start();
    running.add(process);
    return process;
  }

  /** Kills a started service like a crash ({@code kill -9}) and waits until the process is gone. */
  void kill(Process process) throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("process " + process.pid() + " survived kill -9");
    }
    running.remove(process);
  }

  /** Runs the jar to completion, e.g. a bad configuration that must stop at once. */
  Result run(Map<String, String> runEnv, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    // Standard error apart: what a command prints for scripts (--json) is its standard output.
    Path stderr = Files.createTempFile("flotilla-stderr", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.to(stderr.toFile()));
    builder.environment().keySet().removeIf(k -> k.startsWith("FLOTILLA_"));
    // An administrator at the services' own fleet, unless the test says otherwise.
    builder.environment().putAll(TestAccess.ENV);
    builder.environment().put("FLOTILLA_TOKEN", TestAccess.admin(OPERATOR));
    builder.environment().putAll(runEnv);
    Process process = builder.start();
    String stdout = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("flotilla " + String.join(" ", args) + " did not end");
    }
    String errors = Files.readString(stderr);
    Files.delete(stderr);
    return new Result(process.exitValue(), stdout + errors, stdout);
  }

  /**
   * @param output what it printed, standard output then standard error
   * @param stdout its standard output alone
   */
  record Result(int exitCode, String output, String stdout) {}

  @Override
  public void close() {
    for (Process process : running) {
      process.destroy();
    }
    for (Process process : running) {
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
