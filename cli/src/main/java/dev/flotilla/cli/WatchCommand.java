package dev.flotilla.cli;

import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.coordinator.projection.RolloutProgress;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flotilla watch ROLLOUT}: live progress of one rollout, from the event log. */
@Command(name = "watch", description = "Show the live progress of a rollout until it ends.")
final class WatchCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ROLLOUT", description = "The rollout id.")
  String rolloutId;

  @Option(
      names = "--timeout",
      defaultValue = "PT24H",
      description = "Give up after this ISO-8601 duration (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Mixin KafkaOptions kafkaOptions;

  @Override
  public Integer call() throws InterruptedException {
    long started = System.nanoTime();
    RolloutProgress progress =
        new ProgressWatcher(kafkaOptions.settings(), System.out)
            .follow(RolloutId.of(rolloutId), timeout);
    ProgressWatcher.printSummary(progress, System.nanoTime() - started, System.out);
    boolean allDone =
        progress.finished()
            && !progress.rejected()
            && progress.count(DeviceOutcome.DONE) == progress.devices();
    return allDone ? 0 : 1;
  }
}
