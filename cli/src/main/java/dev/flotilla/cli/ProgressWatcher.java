package dev.flotilla.cli;

import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.DeviceStage;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.coordinator.projection.RolloutProgress;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.TopicReader;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Follows one rollout on {@code flotilla.events} and shows its progress until it ends. */
final class ProgressWatcher {
  private static final int MAX_REASON = 200;

  private static final Duration REFRESH = Duration.ofMillis(250);

  /** At most one progress line per interval, so a log of the run stays readable. */
  private static final Duration PRINT_EVERY = Duration.ofSeconds(1);

  private final KafkaSettings kafka;
  private final PrintStream out;

  ProgressWatcher(KafkaSettings kafka, PrintStream out) {
    this.kafka = kafka;
    this.out = out;
  }

  /** Blocks until the rollout is finished (or rejected), or the timeout passes; returns it. */
  RolloutProgress follow(RolloutId rolloutId, Duration timeout) throws InterruptedException {
    RolloutProgress progress = new RolloutProgress(rolloutId);
    LinkedBlockingQueue<RolloutEvent> events = new LinkedBlockingQueue<>();
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    String lastState = "";
    long lastPrinted = 0;
    try (TopicReader<RolloutEvent> reader =
        TopicReader.fromBeginning(
            kafka,
            Topics.EVENTS,
            r -> {
              if (r.value().rolloutId().equals(rolloutId)) {
                events.add(r.value());
              }
            })) {
      reader.start();
      while (!progress.finished() && System.nanoTime() < deadline) {
        RolloutEvent event = events.poll(REFRESH.toMillis(), TimeUnit.MILLISECONDS);
        if (event != null) {
          progress.apply(event);
          RolloutEvent more;
          while ((more = events.poll()) != null) {
            progress.apply(more);
          }
        }
        long now = System.nanoTime();
        String line = line(progress, now - started);
        String state = line.substring(line.indexOf("  "));
        boolean due = now - lastPrinted >= PRINT_EVERY.toNanos() || progress.finished();
        if (due && !state.equals(lastState)) {
          out.println(line);
          lastState = state;
          lastPrinted = now;
        }
      }
    }
    return progress;
  }

  static String line(RolloutProgress progress, long elapsedNanos) {
    String time = String.format("%6.1fs", elapsedNanos / 1e9);
    if (!progress.accepted()) {
      return time + "  waiting for the coordinator to accept the rollout";
    }
    Map<DeviceStage, Integer> counts = progress.countsByStage();
    int ended = 0;
    for (DeviceOutcome outcome : DeviceOutcome.values()) {
      ended += counts.getOrDefault(DeviceStage.of(outcome), 0);
    }
    int width = 24;
    int filled = progress.devices() == 0 ? width : ended * width / progress.devices();
    String bar = "#".repeat(filled) + "-".repeat(width - filled);
    String stages =
        counts.entrySet().stream()
            .filter(e -> e.getValue() > 0)
            .map(e -> e.getKey().name().toLowerCase().replace('_', '-') + " " + e.getValue())
            .collect(Collectors.joining(", "));
    return String.format("%s  [%s] %d/%d ended   %s", time, bar, ended, progress.devices(), stages);
  }

  /** SQLite's check reports span lines; a summary row must not. */
  private static String oneLine(String text) {
    String flat = text.replaceAll("\\s*\\R\\s*", "; ");
    return flat.length() <= MAX_REASON ? flat : flat.substring(0, MAX_REASON - 3) + "...";
  }

  static void printSummary(RolloutProgress progress, long elapsedNanos, PrintStream out) {
    out.println();
    if (progress.rejected()) {
      out.println("Rollout " + progress.rolloutId() + " was REJECTED; no device was touched:");
      progress.rejection().forEach(r -> out.println("  - " + r));
      return;
    }
    out.printf(
        "Rollout %s %s after %.1fs%n",
        progress.rolloutId(),
        progress.finished() ? "finished" : "still running",
        elapsedNanos / 1e9);
    out.printf("  at target version, verified   %5d%n", progress.count(DeviceOutcome.DONE));
    out.printf("  rolled back, data intact      %5d%n", progress.count(DeviceOutcome.ROLLED_BACK));
    out.printf("  skipped (not safe), untouched %5d%n", progress.count(DeviceOutcome.SKIPPED));
    out.printf("  failed before any change      %5d%n", progress.count(DeviceOutcome.FAILED));
    out.printf(
        "  needs attention               %5d%n", progress.count(DeviceOutcome.NEEDS_ATTENTION));
    out.printf("  of %d devices%n", progress.devices());
    for (DeviceFinished f : progress.finishes().values()) {
      if (f.outcome() != DeviceOutcome.DONE) {
        out.printf(
            "  %-12s %-16s %s%s%n",
            f.deviceId(),
            f.outcome(),
            oneLine(String.join("; ", f.reasons())),
            f.backupId() == null ? "" : "  (backup " + f.backupId() + ")");
      }
    }
  }
}
