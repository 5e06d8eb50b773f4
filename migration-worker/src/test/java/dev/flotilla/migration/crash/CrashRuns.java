package dev.flotilla.migration.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.reply.WorkerReply;
import dev.flotilla.migration.testing.TestSets;
import dev.flotilla.testsupport.DeviceFiles;
import dev.flotilla.testsupport.crash.ChildRun;
import dev.flotilla.testsupport.crash.CrashTally;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Runs one command again and again in a {@link CrashChild}, each time on a fresh copy of a template
 * device database, killing the child at a random moment of its work, and lets a check judge what
 * each kill left. The first run is never killed: it measures how long the work takes, and the kill
 * delays are then spread over a quarter more than that (stratified, so that every part of the work
 * gets its share of kills whatever the seed, and a few land after the end), in a random order.
 */
final class CrashRuns {
  /**
   * What one run left: the device file, its WAL's size right after the child died, and the reply
   * the child printed when it got that far before it was killed.
   */
  record Run(
      int index,
      Optional<Duration> killedAfter,
      Path fleet,
      Path file,
      long walBytesAfter,
      Optional<WorkerReply> reply,
      String context) {}

  /** Judges one run (assertions) and names where the kill landed. */
  @FunctionalInterface
  interface Check {
    String landed(Run run) throws Exception;
  }

  private static final double SPREAD = 1.25;
  private static final MessageCodec CODEC = new MessageCodec();

  private final Path work;
  private final long seed;
  private final DeviceId device;
  private final MigrationSetId set;

  CrashRuns(Path work, long seed, DeviceId device, MigrationSetId set) {
    this.work = work;
    this.seed = seed;
    this.device = device;
    this.set = set;
  }

  /**
   * The uninterrupted run, then {@code kills} killed runs, each judged by {@code check}. The child
   * of the next run is started (and warms up on {@code warmUpTemplate}) while a run is judged.
   *
   * @param warmUpTemplate a small database of the device at the template's version
   * @return how many runs landed where, by the check's names (the uninterrupted run not counted)
   */
  Map<String, Integer> run(
      String name,
      Path template,
      Path warmUpTemplate,
      WorkerCommand command,
      int kills,
      Check check)
      throws Exception {
    Path scenario = Files.createDirectories(work.resolve(name));
    Path commandFile = scenario.resolve("command.json");
    Files.writeString(commandFile, CODEC.encodeToString(command));
    Random random = new Random(seed);
    long started = System.nanoTime();
    Map<String, Integer> landed = new TreeMap<>();

    Started current = start(scenario, 0, template, warmUpTemplate, commandFile);
    Started next = null;
    try {
      ChildRun whole = finish(current, Optional.empty());
      // The whole work, measured once: the kills are spread over it.
      long workNanos = whole.workTime().orElseThrow().toNanos();
      Duration span = Duration.ofNanos((long) (workNanos * SPREAD));
      List<Duration> delays = stratifiedDelays(random, span, kills);
      next = kills > 0 ? start(scenario, 1, template, warmUpTemplate, commandFile) : null;
      check.landed(current.ended(Optional.empty(), whole));
      deleteTree(current.runDir());
      for (int i = 1; i <= kills; i++) {
        current = next;
        next = null;
        Optional<Duration> delay = Optional.of(delays.get(i - 1));
        ChildRun ending = finish(current, delay);
        if (i < kills) {
          next = start(scenario, i + 1, template, warmUpTemplate, commandFile);
        }
        landed.merge(check.landed(current.ended(delay, ending)), 1, Integer::sum);
        deleteTree(current.runDir());
      }
      System.out.printf(
          "CRASH %s: seed=%d, uninterrupted work %d ms, %d kills spread over %d ms landed %s;"
              + " %d runs in %d ms%n",
          name,
          seed,
          workNanos / 1_000_000,
          kills,
          span.toMillis(),
          landed,
          kills + 1,
          (System.nanoTime() - started) / 1_000_000);
      return landed;
    } finally {
      if (next != null) {
        next.child().close();
      }
    }
  }

  /**
   * Tells the child to go, kills it {@code killAfterGo} later (never when empty) and waits for its
   * end; a child left to finish must finish well.
   */
  private static ChildRun finish(Started run, Optional<Duration> killAfterGo) {
    try (ChildRun child = run.child()) {
      child.awaitReady().go();
      killAfterGo.ifPresentOrElse(child::killAfter, child::awaitExit);
      if (killAfterGo.isEmpty()) {
        assertThat(child.exitValue()).as(child.output()).isZero();
      }
      return child;
    }
  }

  /** A run whose child is starting: its folder, the device file, the child. */
  private record Started(int index, Path runDir, Path fleet, Path file, ChildRun child, long seed) {
    Run ended(Optional<Duration> killedAfter, ChildRun ended) throws IOException {
      Path wal = DeviceFiles.walOf(file);
      long walBytes = Files.exists(wal) ? Files.size(wal) : 0;
      String context =
          String.format(
              "seed %d (-D%s), run %d, killed %s after GO",
              seed,
              CrashTally.SEED_PROPERTY,
              index,
              killedAfter.map(d -> d.toMillis() + " ms").orElse("never"));
      Optional<WorkerReply> reply =
          ended.result().map(json -> CODEC.decode(json, WorkerReply.class));
      return new Run(index, killedAfter, fleet, file, walBytes, reply, context);
    }
  }

  private Started start(
      Path scenario, int index, Path template, Path warmUpTemplate, Path commandFile)
      throws IOException {
    Path runDir = Files.createDirectories(scenario.resolve("run-" + index));
    Path fleet = Files.createDirectories(runDir.resolve("fleet"));
    Path file = DeviceFiles.path(fleet, device);
    Files.copy(template, file);
    ChildRun child =
        ChildRun.start(
            runDir,
            CrashChild.class,
            List.of(
                fleet.toString(),
                set.value(),
                TestSets.folder(set.value()).toString(),
                commandFile.toString(),
                warmUpTemplate.toString()));
    return new Started(index, runDir, fleet, file, child, seed);
  }

  /** One delay drawn in each of {@code count} equal slices of {@code span}, shuffled. */
  static List<Duration> stratifiedDelays(Random random, Duration span, int count) {
    List<Duration> delays = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      delays.add(Duration.ofNanos((long) ((i + random.nextDouble()) * span.toNanos() / count)));
    }
    Collections.shuffle(delays, random);
    return delays;
  }

  private static void deleteTree(Path root) throws IOException {
    List<Path> paths;
    try (Stream<Path> tree = Files.walk(root)) {
      paths = tree.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path path : paths) {
      Files.deleteIfExists(path);
    }
  }
}
