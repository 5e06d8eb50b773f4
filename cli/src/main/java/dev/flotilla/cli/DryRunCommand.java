package dev.flotilla.cli;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.Approval;
import dev.flotilla.contracts.request.OnThreshold;
import dev.flotilla.contracts.request.RolloutPolicy;
import dev.flotilla.contracts.request.UpdateRequest;
import dev.flotilla.contracts.view.RolloutDetail;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flotilla dry-run FILE}: the update request of FILE rehearsed on the whole fleet it
 * selects, through the coordinator's API: each device's migration applied to a copy of its database
 * and verified there, the device itself untouched. Then what the fleet would do.
 *
 * <p>The dry run gets a rollout id of its own, derived from the request's, so the request's id
 * stays free for the real rollout. It rehearses every device: no wave waits for approval, and no
 * failure rate halts it.
 */
@Command(
    name = "dry-run",
    description =
        "Rehearse the UpdateRequest of FILE on every device it selects (each migration on a copy"
            + " of the database; nothing touched) and report which devices would migrate, be"
            + " skipped or fail, the time it takes, the size change and the free disk needed. The"
            + " exit code is watch's.")
final class DryRunCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "The UpdateRequest JSON file.")
  Path file;

  @Option(
      names = "--timeout",
      defaultValue = "PT1H",
      description =
          "Stop waiting after this ISO-8601 duration (default ${DEFAULT-VALUE}); exit code 5 if"
              + " it still runs.")
  Duration timeout;

  @Option(
      names = "--json",
      description = "Print only the dry run as it ended, as the API's GET /rollouts/ID.")
  boolean json;

  @Mixin ApiClient api;

  private final PrintStream out = System.out;
  private final MessageCodec codec = new MessageCodec();

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (!Files.isRegularFile(file)) {
      throw new UserError("no such file: " + file);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new UserError("--timeout: must be a positive duration such as PT10M");
    }
    UpdateRequest asWritten = codec.decode(Files.readAllBytes(file), UpdateRequest.class);
    RolloutId real = asWritten.rolloutId();
    UpdateRequest request = rehearsalOf(asWritten);
    api.post("/rollouts", codec.encodeToString(request));
    if (!json) {
      out.println(
          "dry run "
              + request.rolloutId()
              + " published: "
              + request.migrationSet()
              + " to version "
              + request.targetVersion()
              + "; the request's own id "
              + real
              + " stays free for the real rollout");
    }
    RolloutPoller poller = new RolloutPoller(api);
    long started = System.nanoTime();
    RolloutDetail last = poller.follow(request.rolloutId(), timeout, (rollout, elapsed) -> {});
    if (json) {
      out.print(JsonOutput.of(last));
    } else {
      out.print(
          DryRunReport.text(
              last, poller.devices(request.rolloutId()), System.nanoTime() - started));
    }
    return RolloutEnd.exitCode(last);
  }

  /** The request as a dry run of its own: a fresh id, every device rehearsed. */
  static UpdateRequest rehearsalOf(UpdateRequest request) {
    RolloutPolicy policy =
        request
            .policy()
            .withDryRun(true)
            .withApproval(Approval.NONE)
            .withFailureThreshold(1.0, OnThreshold.HALT);
    return new UpdateRequest(
        dryRunId(request.rolloutId()),
        request.migrationSet(),
        request.targetVersion(),
        request.selector(),
        policy,
        "unknown".equals(request.requestedBy()) ? Requester.defaultName() : request.requestedBy(),
        null,
        null);
  }

  /** {@code r-2026-11-22-a.dry-k3x9w1}: the request's id, then when, in base 36. */
  static RolloutId dryRunId(RolloutId real) {
    String suffix = ".dry-" + Long.toString(System.currentTimeMillis(), 36);
    String base = real.value();
    int room = 128 - suffix.length();
    return RolloutId.of((base.length() > room ? base.substring(0, room) : base) + suffix);
  }
}
