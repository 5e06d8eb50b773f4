package dev.flotilla.cli;

import dev.flotilla.coordinator.CoordinatorConfig;
import dev.flotilla.coordinator.projection.ProjectionStore;
import dev.flotilla.coordinator.projection.ProjectionsInUseException;
import dev.flotilla.coordinator.projection.Projector;
import dev.flotilla.coordinator.projection.RebuildReport;
import dev.flotilla.messaging.Env;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.common.errors.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code flotilla replay}: drops the coordinator's projections and rebuilds them from {@code
 * flotilla.events}. The coordinator must be stopped: it holds the file while it runs.
 */
@Command(
    name = "replay",
    description =
        "Rebuild the coordinator's projections from flotilla.events (stop the coordinator first).")
final class ReplayCommand implements Callable<Integer> {
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "The coordinator's data directory (default: $FLOTILLA_DATA_DIR).")
  Path dataDir;

  @Option(
      names = "--timeout",
      defaultValue = "PT10M",
      description = "Give up after this ISO-8601 duration (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Mixin KafkaOptions kafkaOptions;

  private final PrintStream out = System.out;

  @Override
  public Integer call() throws IOException {
    Path dir =
        dataDir != null
            ? Files.createDirectories(dataDir.toAbsolutePath().normalize())
            : Env.system().directory(CoordinatorConfig.DATA_DIR);
    Path file = dir.resolve(ProjectionStore.FILE_NAME);
    RebuildReport report;
    try {
      report = Projector.rebuild(kafkaOptions.settings(), file, timeout);
    } catch (ProjectionsInUseException e) {
      throw new UserError(e.getMessage());
    } catch (TimeoutException e) {
      throw new UserError(
          "the log was not read to its end within "
              + timeout
              + " (what was read is applied); run again with a longer --timeout");
    }
    out.printf(
        "Rebuilt %s from flotilla.events in %.1fs%n",
        report.file(), report.took().toMillis() / 1e3);
    out.printf("  events applied  %d%n", report.events());
    out.printf("  rollouts        %d%n", report.rollouts());
    out.printf("  devices         %d%n", report.devices());
    out.println(
        "  next offsets    "
            + (report.offsets().isEmpty()
                ? "(the log is empty)"
                : new TreeMap<>(report.offsets())
                    .entrySet().stream()
                        .map(e -> "p" + e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(" "))));
    return 0;
  }
}
