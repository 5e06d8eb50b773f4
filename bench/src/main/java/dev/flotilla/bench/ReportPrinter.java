package dev.flotilla.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** The report as a person reads it: tables of medians with their spread, then the ratios. */
final class ReportPrinter {
  private static final String ROW = "%-23s %-24s %-19s %-17s %-14s %-14s%n";
  private static final String LATENCY_ROW = "  %-34s %9s %9s %9s %9s%n";
  private static final String RATIO_ROW = "  %-47s %-23s %-23s %-20s %-20s%n";
  private final PrintStream out;

  ReportPrinter(PrintStream out) {
    this.out = out;
  }

  void print(BenchReport report) {
    MachineFacts machine = report.machine();
    BenchReport.Setup setup = report.setup();
    out.println();
    out.printf(
        "Flotilla bench, %s: %d devices, set %s V%d -> V%d, median of %d round(s) after a"
            + " warm-up (min-max in brackets)%n",
        report.startedAt(),
        setup.devices(),
        setup.migrationSet(),
        setup.fromVersion(),
        setup.toVersion(),
        setup.rounds());
    out.printf(
        "machine: %d cores (%s), %s, %s, SQLite %s (sqlite-jdbc %s), Flyway %s, %s file system,"
            + " max heap %d MB, load average %.2f at start, %.2f at end%n",
        machine.cores(),
        machine.cpu(),
        machine.java(),
        machine.os(),
        machine.sqlite(),
        machine.sqliteJdbc(),
        machine.flyway(),
        machine.fileSystem(),
        machine.maxHeapBytes() / (1024 * 1024),
        machine.loadAverageAtStart(),
        report.loadAverageAtEnd());
    if (!report.variants().isEmpty()) {
      out.println();
      out.printf(
          ROW,
          "variant",
          "ms/device",
          "devices/s",
          "KB alloc/device",
          "peak heap MB",
          "peak live MB");
      for (VariantSummary variant : report.variants()) {
        out.printf(
            ROW,
            variant.title(),
            spread(variant.msPerDevice(), "%.2f"),
            spread(variant.devicesPerSecond(), "%.1f"),
            spread(variant.allocatedKbPerDevice(), "%.0f"),
            spread(variant.peakHeapMb(), "%.0f"),
            spread(variant.peakLiveMb(), "%.0f"));
      }
      for (VariantSummary variant : report.variants()) {
        if (!variant.msPerDeviceByStep().isEmpty()) {
          StringBuilder steps = new StringBuilder();
          variant
              .msPerDeviceByStep()
              .forEach(
                  (step, spread) ->
                      steps
                          .append(steps.length() == 0 ? "" : ", ")
                          .append(step)
                          .append(' ')
                          .append(spread(spread, "%.2f")));
          out.printf("  %s, ms/device by step: %s%n", variant.title(), steps);
        }
      }
      out.println();
      out.println("connections that write the migration:");
      for (VariantSummary variant : report.variants()) {
        out.printf("  %-24s %s%n", variant.title(), variant.connection());
      }
    }
    if (!report.ratios().isEmpty()) {
      out.println();
      out.println("ratios, round by round (above 1: the first takes more):");
      out.printf(RATIO_ROW, "", "time/device", "alloc/device", "peak heap", "peak live");
      for (Ratio ratio : report.ratios()) {
        out.printf(
            RATIO_ROW,
            titleOf(report, ratio.of()) + " / " + titleOf(report, ratio.over()),
            spread(ratio.time(), "%.2fx"),
            spread(ratio.allocation(), "%.1fx"),
            spread(ratio.peakHeap(), "%.2fx"),
            spread(ratio.peakLive(), "%.2fx"));
      }
    }
    EndToEndResult endToEnd = report.endToEnd();
    if (endToEnd != null) {
      out.println();
      out.printf(
          "end to end over Kafka (one rollout, %d devices, max %d in flight, %d partitions):"
              + " %.1f s, %.2f ms/device, %.1f devices/s, %.0f KB allocated/device (all threads"
              + " of this JVM; the broker runs in its own), peak heap %d MB%n",
          endToEnd.devices(),
          endToEnd.maxInFlight(),
          endToEnd.partitions(),
          endToEnd.seconds(),
          endToEnd.msPerDevice(),
          endToEnd.devicesPerSecond(),
          endToEnd.allocatedKbPerDevice(),
          endToEnd.heap().peakUsedBytes() / (1024 * 1024));
      out.printf("  outcomes %s%n", nonZero(endToEnd.outcomes()));
      out.printf(
          "  time/device over the Flyway loop %s, over the bare JDBC loop %s, over the in-process"
              + " safe sequence %s; allocation/device over Flyway %s, peak heap over Flyway %s%n",
          ratio(endToEnd.timeOverFlyway()),
          ratio(endToEnd.timeOverBare()),
          ratio(endToEnd.timeOverSafe()),
          ratio(endToEnd.allocationOverFlyway()),
          ratio(endToEnd.peakHeapOverFlyway()));
      printCpu(endToEnd.cpu(), endToEnd.devices());
      out.printf(
          "  at rest before the rollouts: %.2f s of CPU in %.1f s of wall time (%.1f %% of a"
              + " core), of which the broker %.2f s%n",
          endToEnd.idle().total(),
          endToEnd.idle().wallSeconds(),
          100 * endToEnd.idle().total() / endToEnd.idle().wallSeconds(),
          endToEnd.idle().secondsByPart().getOrDefault(CpuAccount.BROKER, 0.0));
      if (!endToEnd.fleetSizes().isEmpty()) {
        printFleetSizes(endToEnd);
      }
      if (endToEnd.notifierLatency() != null) {
        printNotifierLatency(endToEnd.notifierLatency());
      }
    }
    ReplayResult replay = report.replay();
    if (replay != null) {
      out.println();
      out.printf(
          "replay of flotilla.events (%d events): projections rebuilt in %s s (%s events/s),"
              + " bare read in %s s (%s events/s, of which %s s setting up the consumer);"
              + " rebuild time over bare read %s%n",
          replay.events(),
          spread(replay.projectorSeconds(), "%.2f"),
          spread(replay.projectorEventsPerSecond(), "%.0f"),
          spread(replay.bareReadSeconds(), "%.2f"),
          spread(replay.bareReadEventsPerSecond(), "%.0f"),
          spread(replay.bareReadSetupSeconds(), "%.2f"),
          spread(replay.timeRatio(), "%.2fx"));
    }
    if (report.orchestration() != null) {
      out.println();
      report.orchestration().printTo(out);
    }
    if (report.restart() != null) {
      out.println();
      report.restart().printTo(out);
    }
    for (var fanout : report.fanout()) {
      out.println();
      fanout.printTo(out);
    }
    if (report.replayMillion() != null) {
      out.println();
      report.replayMillion().printTo(out);
    }
    if (report.largeBackup() != null) {
      out.println();
      report.largeBackup().printTo(out);
    }
    if (report.steps() != null) {
      out.println();
      report.steps().printTo(out);
    }
    out.println();
    out.printf("took %.0f s%n", report.tookSeconds());
  }

  private void printCpu(CpuAccount.Split cpu, int devices) {
    out.printf(
        "  CPU over the rollout: %.1f s in %.1f s of wall time (%.2f of the machine's %d cores),"
            + " %.1f ms per device%n",
        cpu.total(),
        cpu.wallSeconds(),
        cpu.total() / cpu.wallSeconds() / Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().availableProcessors(),
        cpu.total() * 1000 / devices);
    cpu.secondsByPart()
        .forEach(
            (part, seconds) ->
                out.printf(
                    "    %-58s %7.1f s %6.1f %% %8.2f ms/device%n",
                    part, seconds, 100 * seconds / cpu.total(), seconds * 1000 / devices));
  }

  private void printFleetSizes(EndToEndResult endToEnd) {
    out.println();
    out.printf(
        "end to end by fleet size (one rollout each, on devices of its own; the measured rollout"
            + " of %d devices is the reference)%n",
        endToEnd.devices());
    out.printf(
        "  %-10s %10s %12s %12s %14s %22s%n",
        "devices", "seconds", "ms/device", "devices/s", "peak heap MB", "ms/device over measured");
    for (FleetSizeResult size : endToEnd.fleetSizes()) {
      out.printf(
          "  %-10d %10.1f %12.2f %12.1f %14.0f %22s%n",
          size.devices(),
          size.seconds(),
          size.msPerDevice(),
          size.devicesPerSecond(),
          size.peakHeapMb(),
          String.format(Locale.ROOT, "%.2fx", size.timePerDeviceOverMeasured()));
    }
  }

  private void printNotifierLatency(NotifierLatencyResult latency) {
    out.println();
    out.printf(
        "notifier latency, every event of the measured rollout: %d read by the bare consumer, %d"
            + " received over SSE, %d missing, %d duplicate(s), %d unmatched%n",
        latency.published(),
        latency.pushed(),
        latency.missing(),
        latency.duplicates(),
        latency.unmatched());
    out.printf(LATENCY_ROW, "ms", "p50", "p90", "p99", "max");
    latencyRow("bare consumer, from occurredAt", latency.bareFromOccurredMs());
    latencyRow("SSE client, from occurredAt", latency.sseFromOccurredMs());
    latencyRow("SSE after bare, per event", latency.sseAfterBareMs());
    out.printf(
        "  SSE client over bare consumer, from occurredAt: p50 %s, p99 %s%n",
        ratio(latency.p50Ratio()), ratio(latency.p99Ratio()));
    if (latency.missing() > 0) {
      out.printf(
          "  MISSING over SSE: %d event(s) the bare consumer read, e.g. %s%n",
          latency.missing(), String.join(", ", latency.missingIds()));
    }
    if (latency.bareMissing() > 0) {
      out.printf(
          "  the bare consumer itself missed %d sequence number(s)%n", latency.bareMissing());
    }
    if (latency.streamEnded()) {
      out.println("  the notifier ended the SSE stream before the client closed it");
    }
  }

  private void latencyRow(String name, LatencyStats stats) {
    if (stats == null) {
      out.printf(LATENCY_ROW, name, "n/a", "n/a", "n/a", "n/a");
      return;
    }
    out.printf(
        LATENCY_ROW,
        name,
        millis(stats.p50()),
        millis(stats.p90()),
        millis(stats.p99()),
        millis(stats.max()));
  }

  private static String millis(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  private static String titleOf(BenchReport report, String key) {
    return report.variants().stream()
        .filter(variant -> variant.key().equals(key))
        .map(VariantSummary::title)
        .findFirst()
        .orElse(key);
  }

  private static String spread(Spread spread, String format) {
    return String.format(Locale.ROOT, format, spread.median())
        + " ("
        + String.format(Locale.ROOT, format, spread.min())
        + "-"
        + String.format(Locale.ROOT, format, spread.max())
        + ")";
  }

  private static String ratio(Double value) {
    return value == null ? "n/a" : String.format(Locale.ROOT, "%.2fx", value);
  }

  private static String nonZero(Map<String, Integer> outcomes) {
    StringBuilder text = new StringBuilder();
    outcomes.forEach(
        (outcome, count) -> {
          if (count > 0) {
            text.append(text.length() == 0 ? "" : ", ").append(outcome).append(' ').append(count);
          }
        });
    return text.toString();
  }
}
