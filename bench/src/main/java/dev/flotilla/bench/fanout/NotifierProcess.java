package dev.flotilla.bench.fanout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The notifier in a child JVM ({@link NotifierProcessMain}) with a heap of its own, capped at
 * {@code -Xmx}, on this JVM's class path; optionally recording a JFR profile. Its log goes to a
 * file in the work folder.
 */
final class NotifierProcess implements AutoCloseable {
  /** What the notifier's JVM spent in a measured window. */
  record Stats(
      long cpuNanos, long peakAfterGcBytes, long peakBeforeGcBytes, long gcMillis, long maxHeap) {}

  private final Process process;
  private final Writer commands;
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
  private final int port;

  private NotifierProcess(Process process) throws IOException, InterruptedException {
    this.process = process;
    this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(this::readAnswers, "flotilla-bench-notifier-answers");
    reader.setDaemon(true);
    reader.start();
    String port = await("port");
    this.port = Integer.parseInt(port.substring("port ".length()));
  }

  /**
   * @param jfr where to write a JFR recording of the whole run, or null for none
   */
  static NotifierProcess start(String bootstrapServers, int maxHeapMb, Path workDir, Path jfr)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + maxHeapMb + "m");
    command.add("-Dflotilla.bench.log=" + workDir.resolve("fanout-notifier.log"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(NotifierProcessMain.class.getName());
    command.add(bootstrapServers);
    if (jfr != null) {
      command.add(jfr.toString());
    }
    Process process =
        new ProcessBuilder(command)
            .redirectError(workDir.resolve("fanout-notifier.err").toFile())
            .start();
    try {
      return new NotifierProcess(process);
    } catch (IOException | InterruptedException | RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  /** Starts a measured window: CPU, collections and heap peaks count from here. */
  void reset() throws IOException, InterruptedException {
    ask("reset");
  }

  Stats stats() throws IOException, InterruptedException {
    String[] parts = ask("stats").split(" ");
    return new Stats(
        Long.parseLong(parts[1]),
        Long.parseLong(parts[2]),
        Long.parseLong(parts[3]),
        Long.parseLong(parts[4]),
        Long.parseLong(parts[5]));
  }

  /** The heap still used right after a full collection. */
  long liveHeapBytes() throws IOException, InterruptedException {
    return Long.parseLong(ask("live").split(" ")[1]);
  }

  private String ask(String command) throws IOException, InterruptedException {
    commands.write(command + "\n");
    commands.flush();
    return await(command.equals("stats") || command.equals("live") ? command : "reset");
  }

  private String await(String prefix) throws InterruptedException {
    String answer = answers.poll(120, TimeUnit.SECONDS);
    if (answer == null) {
      throw new IllegalStateException("the notifier's JVM did not answer " + prefix);
    }
    if (!answer.startsWith(prefix)) {
      throw new IllegalStateException("the notifier's JVM answered '" + answer + "' to " + prefix);
    }
    return answer;
  }

  private void readAnswers() {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith(NotifierProcessMain.ANSWER)) {
          answers.add(line.substring(NotifierProcessMain.ANSWER.length()));
        }
      }
    } catch (IOException e) {
      // the process ended
    }
    answers.add("ended");
  }

  @Override
  public void close() {
    try {
      commands.write("stop\n");
      commands.flush();
    } catch (IOException e) {
      // already gone
    }
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
