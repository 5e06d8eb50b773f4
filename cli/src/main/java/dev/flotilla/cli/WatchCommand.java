package dev.flotilla.cli;

import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.view.RolloutDetail;
import dev.flotilla.contracts.view.RolloutDevice;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flotilla watch ROLLOUT}: a rollout's live progress, a bar per wave, from the coordinator's
 * HTTP API; at its end a summary, and an exit code that says how it ended.
 */
@Command(
    name = "watch",
    description =
        "Follow a rollout through the coordinator's HTTP API: a progress bar per wave (redrawn in"
            + " place on a terminal, a line per change otherwise), then a summary. The exit code"
            + " says how it ended (see flotilla --help).")
final class WatchCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ROLLOUT", description = "The rollout id.")
  String rolloutId;

  @Option(
      names = "--timeout",
      defaultValue = "PT24H",
      description =
          "Stop following after this ISO-8601 duration (default ${DEFAULT-VALUE}); exit code 5"
              + " if it still runs.")
  Duration timeout;

  @Option(
      names = "--json",
      description = "Print only the rollout as it ended, as the API's GET /rollouts/ROLLOUT.")
  boolean json;

  /** Once followed on the event log; still taken, so that scripts that pass it keep working. */
  @Option(names = "--bootstrap-servers", hidden = true)
  String bootstrapServers;

  @Mixin ApiClient api;

  private final PrintStream out = System.out;

  @Override
  public Integer call() throws InterruptedException {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new UserError("--timeout: must be a positive duration such as PT10M");
    }
    if (bootstrapServers != null) {
      System.err.println(
          "flotilla watch: follows the coordinator's API (--api); --bootstrap-servers is not used");
    }
    RolloutId id = RolloutId.of(rolloutId);
    RolloutPoller poller = new RolloutPoller(api);
    LiveScreen screen = LiveScreen.forConsole(out);
    long started = System.nanoTime();
    RolloutDetail last =
        poller.follow(
            id,
            timeout,
            (rollout, elapsed) -> {
              if (!json) {
                screen.show(
                    rollout
                        .map(ProgressLines::of)
                        .orElse(
                            List.of(
                                new ProgressLines.Line(
                                    "rollout",
                                    "waiting for the coordinator to accept rollout " + id))),
                    elapsed);
              }
            });
    if (json) {
      out.print(JsonOutput.of(last));
    } else {
      List<RolloutDevice> devices = poller.devices(id);
      out.println();
      out.print(EndReport.text(last, devices, System.nanoTime() - started));
    }
    return RolloutEnd.exitCode(last);
  }
}
