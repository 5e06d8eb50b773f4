package dev.flotilla.bench.replay;

import dev.flotilla.coordinator.projection.Projector;
import dev.flotilla.coordinator.projection.RebuildReport;
import dev.flotilla.devkit.DevBroker;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.TopicProvisioner;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Recording;

/**
 * Replays a large log of {@code flotilla.events}: writes it with {@link EventLogGenerator}, then
 * per round rebuilds the projections into a new file with {@link Projector#rebuild(KafkaSettings,
 * Path, Duration)} (what {@code flotilla replay} runs) and reads the same log bare, in alternating
 * order; a warm-up round first, not reported. Both sides must read every event on the topic.
 */
public final class ReplayMillionBench {
  public static final long DEFAULT_EVENTS = 1_000_000;
  public static final int DEFAULT_DEVICES_PER_ROLLOUT = 1_000;
  public static final int DEFAULT_ROUNDS = 3;
  private static final int EVENTS_PER_TRANSACTION = 50_000;
  private static final Duration TIMEOUT = Duration.ofMinutes(30);

  private final KafkaSettings kafka;
  private final Path workDir;
  private final PrintStream progress;
  private final long events;
  private final int devicesPerRollout;
  private final int rounds;
  private Path profile;

  public ReplayMillionBench(
      KafkaSettings kafka,
      Path workDir,
      PrintStream progress,
      long events,
      int devicesPerRollout,
      int rounds) {
    if (rounds < 1) {
      throw new IllegalArgumentException("at least one measured round");
    }
    this.kafka = kafka;
    this.workDir = workDir;
    this.progress = progress;
    this.events = events;
    this.devicesPerRollout = devicesPerRollout;
    this.rounds = rounds;
  }

  /** Records the last round's rebuild with Flight Recorder into {@code file}. */
  public ReplayMillionBench profileInto(Path file) {
    this.profile = file;
    return this;
  }

  public ReplayMillionResult run() throws Exception {
    Files.createDirectories(workDir);
    String runId = Long.toString(System.currentTimeMillis(), 36);
    progress.printf(
        "Replay: generating %,d events, rollouts of %d devices%n", events, devicesPerRollout);
    EventLogGenerator.Written written =
        new EventLogGenerator(kafka, runId, 42, progress)
            .write(events, devicesPerRollout, EVENTS_PER_TRANSACTION);
    progress.printf(
        "  wrote %,d events of %d rollouts (%.0f MB) in %.1f s%n",
        written.events(), written.rollouts(), written.bytes() / 1e6, written.seconds());
    List<Double> rebuild = new ArrayList<>();
    List<Double> bare = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    List<Double> heap = new ArrayList<>();
    long onTopic = -1;
    long rollouts = -1;
    for (int round = 0; round <= rounds; round++) {
      boolean rebuildFirst = round % 2 == 0;
      BareLogRead.Result bareRead = rebuildFirst ? null : BareLogRead.readToEnd(kafka, TIMEOUT);
      Path file = workDir.resolve("projections-" + runId + "-" + round + ".db");
      Recording recording = round == rounds && profile != null ? startRecording() : null;
      HeapPeak heapPeak = HeapPeak.start();
      long started = System.nanoTime();
      RebuildReport report = Projector.rebuild(kafka, file, TIMEOUT);
      long rebuildNanos = System.nanoTime() - started;
      long heapBytes = heapPeak.stop();
      if (recording != null) {
        recording.stop();
        recording.dump(profile);
        recording.close();
      }
      if (rebuildFirst) {
        bareRead = BareLogRead.readToEnd(kafka, TIMEOUT);
      }
      if (report.events() != bareRead.records() || bareRead.records() < written.events()) {
        throw new IllegalStateException(
            "the rebuild applied "
                + report.events()
                + " events, the bare read found "
                + bareRead.records()
                + ", the generator wrote "
                + written.events());
      }
      onTopic = bareRead.records();
      rollouts = report.rollouts();
      deleteQuietly(file);
      progress.printf(
          "  %-9s %,d events: rebuild %.2f s, bare read %.2f s, heap peak %.0f MB%n",
          round == 0 ? "warm-up" : "round " + round,
          onTopic,
          rebuildNanos / 1e9,
          bareRead.nanos() / 1e9,
          heapBytes / 1e6);
      if (round > 0) {
        rebuild.add(rebuildNanos / 1e9);
        bare.add(bareRead.nanos() / 1e9);
        ratios.add((double) rebuildNanos / bareRead.nanos());
        heap.add(heapBytes / 1e6);
      }
    }
    long total = onTopic;
    ReplayMillionResult.Spread rebuildRate =
        ReplayMillionResult.Spread.of(rebuild.stream().map(s -> total / s).toList());
    ReplayMillionResult.Spread ratio = ReplayMillionResult.Spread.of(ratios);
    return new ReplayMillionResult(
        "Projector.rebuild into a new projections file (flotilla replay) against a bare"
            + " read_committed consumer reading every partition to its end, same log, same rounds",
        written.events(),
        written.rollouts(),
        devicesPerRollout,
        written.seconds(),
        total,
        rollouts,
        rounds,
        ReplayMillionResult.Spread.of(rebuild),
        ReplayMillionResult.Spread.of(bare),
        rebuildRate,
        ReplayMillionResult.Spread.of(bare.stream().map(s -> total / s).toList()),
        ratio,
        ReplayMillionResult.Spread.of(heap),
        rebuildRate.median() >= ReplayMillionResult.TARGET_EVENTS_PER_SECOND
            && ratio.median() <= ReplayMillionResult.TARGET_RATIO);
  }

  private static Recording startRecording() throws Exception {
    Recording recording = new Recording(jdk.jfr.Configuration.getConfiguration("profile"));
    recording.start();
    return recording;
  }

  private static void deleteQuietly(Path file) {
    for (String suffix : List.of("", "-wal", "-shm", "-journal", ".lock")) {
      try {
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
      } catch (java.io.IOException e) {
        // Left in the work directory; harmless.
      }
    }
  }

  /**
   * Standalone: {@code [events] [devicesPerRollout] [rounds] [jfr-file]}, on a broker of its own in
   * a new directory under {@code target}.
   */
  public static void main(String[] args) throws Exception {
    long events = args.length > 0 ? Long.parseLong(args[0]) : DEFAULT_EVENTS;
    int devices = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_DEVICES_PER_ROLLOUT;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_ROUNDS;
    Files.createDirectories(Path.of("target"));
    Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "replay-bench-");
    try (DevBroker broker = DevBroker.start(work.resolve("broker"))) {
      KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
      TopicProvisioner.ensureTopics(kafka);
      ReplayMillionBench bench =
          new ReplayMillionBench(
              kafka, work.resolve("projections"), System.out, events, devices, rounds);
      if (args.length > 3) {
        bench.profileInto(Path.of(args[3]).toAbsolutePath());
      }
      bench.run().printTo(System.out);
    }
  }
}
