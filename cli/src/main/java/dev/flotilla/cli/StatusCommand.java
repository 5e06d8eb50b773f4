package dev.flotilla.cli;

import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.view.Rehearsal;
import dev.flotilla.contracts.view.RolloutDetail;
import dev.flotilla.contracts.view.RolloutList;
import dev.flotilla.contracts.view.RolloutSummary;
import dev.flotilla.contracts.view.StageCounts;
import dev.flotilla.contracts.view.WaveProgress;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flotilla status [ROLLOUT]}: the rollouts, or one of them, as the coordinator sees them.
 */
@Command(
    name = "status",
    description = "List the rollouts, or show one, from the coordinator's HTTP API.")
final class StatusCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", paramLabel = "ROLLOUT", description = "Show this rollout.")
  String rolloutId;

  @Option(
      names = "--json",
      description = "Print the API's answer: GET /rollouts, or GET /rollouts/ROLLOUT.")
  boolean json;

  @Mixin ApiClient api;

  private final PrintStream out = System.out;

  @Override
  public Integer call() throws InterruptedException {
    if (rolloutId == null) {
      RolloutList rollouts = api.get("/rollouts", RolloutList.class);
      out.print(json ? JsonOutput.of(rollouts) : list(rollouts.rollouts()));
    } else {
      RolloutDetail rollout = api.get("/rollouts/" + RolloutId.of(rolloutId), RolloutDetail.class);
      out.print(json ? JsonOutput.of(rollout) : show(rollout));
    }
    return 0;
  }

  static String list(List<RolloutSummary> rollouts) {
    if (rollouts.isEmpty()) {
      return "No rollouts yet.\n";
    }
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            "%-32s %-17s %-16s %7s %6s %6s %6s%n",
            "ROLLOUT", "STATUS", "SET/VERSION", "DEVICES", "DONE", "ENDED", "WAVE"));
    for (RolloutSummary r : rollouts) {
      text.append(
          String.format(
              "%-32s %-17s %-16s %7d %6d %6d %6s%n",
              r.rolloutId(),
              r.status(),
              setAndVersion(r),
              r.devices(),
              r.outcomes().done(),
              r.outcomes().ended(),
              r.waves() == 0 ? "-" : r.currentWave() + "/" + r.waves()));
    }
    return text.toString();
  }

  static String show(RolloutDetail r) {
    StringBuilder text = new StringBuilder();
    text.append("Rollout ").append(r.rolloutId()).append(": ").append(r.status()).append('\n');
    // A rejection's detail is its reasons, listed below one per line.
    if (r.statusDetail() != null && r.rejectionReasons().isEmpty()) {
      text.append("  ").append(r.statusDetail()).append('\n');
    }
    text.append("  set/version   ")
        .append(setAndVersion(r.summary()))
        .append(r.dryRun() ? "  (dry run)" : "")
        .append('\n');
    text.append("  requested by  ").append(r.requestedBy()).append('\n');
    text.append("  opened        ").append(r.openedAt()).append('\n');
    if (r.finishedAt() != null) {
      text.append("  finished      ").append(r.finishedAt()).append('\n');
    }
    r.rejectionReasons().forEach(reason -> text.append("  - ").append(reason).append('\n'));
    if (r.rehearsal() != null) {
      text.append("  rehearsed     ").append(rehearsal(r.rehearsal())).append('\n');
    }
    if (r.devices() == 0) {
      return text.toString();
    }
    text.append("  devices       ")
        .append(r.devices())
        .append("  ")
        .append(stages(r.byStage()))
        .append('\n');
    for (WaveProgress w : r.byWave()) {
      text.append(
          String.format(
              "  wave %-3d %-17s %4d devices  %s%s%n",
              w.wave(),
              w.state(),
              w.devices(),
              stages(w.byStage()),
              w.approvedBy() == null ? "" : "  (approved by " + w.approvedBy() + ")"));
    }
    if (r.notYetInAWave() > 0) {
      text.append("  not yet in a wave: ").append(r.notYetInAWave()).append('\n');
    }
    return text.toString();
  }

  private static String rehearsal(Rehearsal h) {
    return h.rehearsed()
        + " of "
        + h.devices()
        + ": "
        + Sizes.millis(h.migrateMillis())
        + " in all, the slowest "
        + Sizes.millis(h.slowestMillis())
        + "; size "
        + Sizes.change(h.sizeChangeBytes())
        + "; "
        + Sizes.bytes(h.diskNeededBytes())
        + " free needed, at most "
        + Sizes.bytes(h.largestDiskNeededBytes())
        + " on one device";
  }

  private static String setAndVersion(RolloutSummary r) {
    return r.migrationSet() == null ? "-" : r.migrationSet() + "/" + r.targetVersion();
  }

  /** {@code done 2, rolled-back 1}: stage names as people write them. */
  static String stages(StageCounts byStage) {
    return byStage.counts().entrySet().stream()
        .map(e -> Stages.name(e.getKey()) + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
