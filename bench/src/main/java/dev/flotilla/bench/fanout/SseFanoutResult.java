package dev.flotilla.bench.fanout;

import java.io.PrintStream;
import java.util.Locale;

/**
 * What {@link SseFanoutBench} measured: the notifier pushing one steady stream of events to many
 * SSE clients at once, against a bare consumer of the same topic in the same run.
 *
 * @param clients SSE streams open through the measured window
 * @param eventsPerSecond the publishing rate
 * @param seconds how long the measured window published
 * @param events events the bare consumer read in the window
 * @param delivered (client, event) pairs received; {@code events × clients} when none is missing
 * @param missing (client, event) pairs not received within the grace after the window
 * @param duplicates events a client received more than once
 * @param unknown events a client received that the bare consumer did not read
 * @param unmatchedFrames frames whose id named no single next event
 * @param streamsEnded streams the notifier ended (e.g. dropped as too slow)
 * @param sseAfterBare per (client, event): SSE arrival minus the bare consumer's, in ms
 * @param notifierCpuSeconds CPU the notifier's JVM used in the window
 * @param notifierCpuShare that CPU over the window's wall time (1.0 = one core busy)
 * @param notifierPeakLiveMb the most heap still used after any collection in the window
 * @param notifierPeakUsedMb the most heap used before any collection in the window (garbage in)
 * @param notifierLiveAfterFullGcMb heap used right after a full collection, clients connected
 * @param notifierGcMillis time its collectors took in the window
 * @param notifierMaxHeapMb its -Xmx
 * @param clientCpuShare CPU of the thread reading every stream over the window's wall time
 */
public record SseFanoutResult(
    String does,
    int clients,
    int eventsPerSecond,
    double seconds,
    int events,
    long delivered,
    long missing,
    long duplicates,
    long unknown,
    long unmatchedFrames,
    int streamsEnded,
    LatencyPercentiles sseAfterBare,
    double notifierCpuSeconds,
    double notifierCpuShare,
    double notifierPeakLiveMb,
    double notifierPeakUsedMb,
    double notifierLiveAfterFullGcMb,
    long notifierGcMillis,
    long notifierMaxHeapMb,
    double clientCpuShare) {
  /** The targets: p99 of SSE after bare, and the notifier's heap. */
  public static final double TARGET_P99_MS = 50;

  public static final double TARGET_HEAP_MB = 256;

  public void printTo(PrintStream out) {
    out.printf(
        Locale.ROOT,
        "%nNotifier fan-out: %d SSE clients, %d events/s for %.0f s (%d events), notifier in its"
            + " own JVM (-Xmx%dm)%n%n",
        clients,
        eventsPerSecond,
        seconds,
        events,
        notifierMaxHeapMb);
    out.println("| SSE after bare consumer, ms | p50 | p90 | p99 | max | target p99 |");
    out.println("|---|---|---|---|---|---|");
    out.printf(
        Locale.ROOT,
        "| per (client, event), %d pairs | %.1f | %.1f | **%.1f** | %.1f | %.0f |%n",
        sseAfterBare.count(),
        sseAfterBare.p50(),
        sseAfterBare.p90(),
        sseAfterBare.p99(),
        sseAfterBare.max(),
        TARGET_P99_MS);
    out.println();
    out.printf(
        Locale.ROOT,
        "Delivered %d of %d (client, event) pairs: %d missing, %d duplicates, %d unknown, %d"
            + " unmatched frames, %d streams ended by the notifier.%n",
        delivered,
        (long) events * clients,
        missing,
        duplicates,
        unknown,
        unmatchedFrames,
        streamsEnded);
    out.println();
    out.println("| notifier JVM | value |");
    out.println("|---|---|");
    out.printf(
        Locale.ROOT, "| CPU | %.1f s (%.2f cores) |%n", notifierCpuSeconds, notifierCpuShare);
    out.printf(
        Locale.ROOT,
        "| heap live after full GC, clients connected | **%.0f MB** (target %.0f) |%n",
        notifierLiveAfterFullGcMb,
        TARGET_HEAP_MB);
    out.printf(Locale.ROOT, "| peak heap after any GC | %.0f MB |%n", notifierPeakLiveMb);
    out.printf(Locale.ROOT, "| peak heap before any GC | %.0f MB |%n", notifierPeakUsedMb);
    out.printf(Locale.ROOT, "| GC time | %d ms |%n", notifierGcMillis);
    out.printf(
        Locale.ROOT, "| the bench's SSE client thread, CPU | %.2f cores |%n", clientCpuShare);
  }
}
