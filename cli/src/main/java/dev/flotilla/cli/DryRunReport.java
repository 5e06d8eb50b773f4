package dev.flotilla.cli;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.event.DeviceStage;
import dev.flotilla.contracts.view.Rehearsal;
import dev.flotilla.contracts.view.RolloutDetail;
import dev.flotilla.contracts.view.RolloutDevice;
import dev.flotilla.coordinator.saga.RolloutStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code flotilla dry-run} reports of the fleet: the devices that would migrate (and from
 * which versions), those that would be skipped and those whose migration would fail, each with why;
 * the migrations' time, the size change, and the free disk the real run needs. Pure.
 */
final class DryRunReport {
  private DryRunReport() {}

  static String text(RolloutDetail r, List<RolloutDevice> devices, long elapsedNanos) {
    String nl = System.lineSeparator();
    StringBuilder text = new StringBuilder();
    text.append(
            String.format(
                Locale.ROOT,
                "Dry run %s: %s to version %s on %d %s, %s",
                r.rolloutId(),
                r.migrationSet(),
                r.targetVersion(),
                r.devices(),
                r.devices() == 1 ? "device" : "devices",
                r.finishedAt() == null
                    ? String.format(Locale.ROOT, "still running after %.1fs", elapsedNanos / 1e9)
                    : String.format(
                        Locale.ROOT,
                        "ended in %.1fs",
                        Duration.between(r.openedAt(), r.finishedAt()).toMillis() / 1000.0)))
        .append(nl);
    if (RolloutStatus.REJECTED.name().equals(r.status())) {
      text.append("  REJECTED; no device was touched:").append(nl);
      r.rejectionReasons().forEach(reason -> text.append("  - ").append(reason).append(nl));
      return text.toString();
    }
    List<RolloutDevice> migrate = new ArrayList<>();
    List<RolloutDevice> skipped = new ArrayList<>();
    List<RolloutDevice> fail = new ArrayList<>();
    List<RolloutDevice> notYet = new ArrayList<>();
    for (RolloutDevice d : devices) {
      if (d.stage() == DeviceStage.DONE) {
        migrate.add(d);
      } else if (d.stage() == DeviceStage.SKIPPED) {
        skipped.add(d);
      } else if (d.stage().finished()) {
        fail.add(d);
      } else {
        notYet.add(d);
      }
    }
    text.append(String.format("  would migrate       %5d%s%n", migrate.size(), from(migrate)));
    text.append(String.format("  would be skipped    %5d%n", skipped.size()));
    listed(text, skipped);
    text.append(String.format("  would fail          %5d%n", fail.size()));
    listed(text, fail);
    if (!notYet.isEmpty()) {
      text.append(String.format("  not rehearsed yet   %5d%n", notYet.size()));
      listed(text, notYet);
    }
    Rehearsal rehearsal = r.rehearsal();
    if (rehearsal != null && rehearsal.rehearsed() > 0) {
      text.append("  migrate time        ")
          .append(Sizes.millis(rehearsal.migrateMillis()))
          .append(" in all, the slowest device ")
          .append(Sizes.millis(rehearsal.slowestMillis()))
          .append(nl);
      text.append("  size                ")
          .append(Sizes.bytes(rehearsal.sizeBeforeBytes()))
          .append(" -> ")
          .append(Sizes.bytes(rehearsal.sizeAfterBytes()))
          .append(" (")
          .append(Sizes.change(rehearsal.sizeChangeBytes()))
          .append(")")
          .append(nl);
      text.append("  disk needed         ")
          .append(Sizes.bytes(rehearsal.diskNeededBytes()))
          .append(" free across the fleet, at most ")
          .append(Sizes.bytes(rehearsal.largestDiskNeededBytes()))
          .append(" on one device")
          .append(nl);
    }
    return text.toString();
  }

  /** {@code (from V2: 17, from V3: 1)}: the versions the migrating devices are at now. */
  private static String from(List<RolloutDevice> migrating) {
    Map<VersionId, Integer> byVersion = new TreeMap<>();
    for (RolloutDevice d : migrating) {
      if (d.version() != null) {
        byVersion.merge(d.version(), 1, Integer::sum);
      }
    }
    if (byVersion.isEmpty()) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    byVersion.forEach((version, count) -> parts.add("from V" + version + ": " + count));
    return "  (" + String.join(", ", parts) + ")";
  }

  private static void listed(StringBuilder text, List<RolloutDevice> devices) {
    for (RolloutDevice d : devices) {
      text.append(
              String.format(
                  "    %-12s %s",
                  d.deviceId(),
                  d.reasons().isEmpty()
                      ? Stages.name(d.stage())
                      : EndReport.oneLine(String.join("; ", d.reasons()))))
          .append(System.lineSeparator());
    }
  }
}
