package dev.flotilla.cli;

import dev.flotilla.contracts.id.RolloutId;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin ApiClient api;

  private final PrintStream out = System.out;

  @Override
  public Integer call() throws InterruptedException {
    if (rolloutId == null) {
      list(api.get("/rollouts").getJsonArray("rollouts"));
    } else {
      show(api.get("/rollouts/" + RolloutId.of(rolloutId)));
    }
    return 0;
  }

  private void list(JsonArray rollouts) {
    if (rollouts.isEmpty()) {
      out.println("No rollouts yet.");
      return;
    }
    out.printf(
        "%-32s %-17s %-16s %7s %6s %6s %6s%n",
        "ROLLOUT", "STATUS", "SET/VERSION", "DEVICES", "DONE", "ENDED", "WAVE");
    for (Object item : rollouts) {
      JsonObject r = (JsonObject) item;
      JsonObject outcomes = r.getJsonObject("outcomes");
      out.printf(
          "%-32s %-17s %-16s %7d %6d %6d %6s%n",
          r.getString("rolloutId"),
          r.getString("status"),
          setAndVersion(r),
          r.getInteger("devices"),
          outcomes.getInteger("done"),
          outcomes.getInteger("ended"),
          r.getInteger("waves") == 0
              ? "-"
              : r.getInteger("currentWave") + "/" + r.getInteger("waves"));
    }
  }

  private void show(JsonObject r) {
    out.println("Rollout " + r.getString("rolloutId") + ": " + r.getString("status"));
    JsonArray reasons = r.getJsonArray("rejectionReasons");
    // A rejection's detail is its reasons, listed below one per line.
    if (r.getString("statusDetail") != null && reasons.isEmpty()) {
      out.println("  " + r.getString("statusDetail"));
    }
    out.println(
        "  set/version   " + setAndVersion(r) + (r.getBoolean("dryRun") ? "  (dry run)" : ""));
    out.println("  requested by  " + r.getString("requestedBy"));
    out.println("  opened        " + r.getString("openedAt"));
    if (r.getString("finishedAt") != null) {
      out.println("  finished      " + r.getString("finishedAt"));
    }
    reasons.forEach(reason -> out.println("  - " + reason));
    if (r.getInteger("devices") == 0) {
      return;
    }
    out.println(
        "  devices       " + r.getInteger("devices") + "  " + stages(r.getJsonObject("byStage")));
    for (Object item : r.getJsonArray("byWave")) {
      JsonObject w = (JsonObject) item;
      out.printf(
          "  wave %-3d %-17s %4d devices  %s%s%n",
          w.getInteger("wave"),
          w.getString("state"),
          w.getInteger("devices"),
          stages(w.getJsonObject("byStage")),
          w.getString("approvedBy") == null
              ? ""
              : "  (approved by " + w.getString("approvedBy") + ")");
    }
    if (r.getInteger("notYetInAWave") > 0) {
      out.println("  not yet in a wave: " + r.getInteger("notYetInAWave"));
    }
  }

  private static String setAndVersion(JsonObject r) {
    return r.getString("migrationSet") == null
        ? "-"
        : r.getString("migrationSet") + "/" + r.getValue("targetVersion");
  }

  private static String stages(JsonObject byStage) {
    return byStage.getMap().entrySet().stream()
        .map(e -> e.getKey().toLowerCase().replace('_', '-') + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
