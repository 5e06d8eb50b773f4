package dev.flotilla.bench.orchestration;

import java.io.PrintStream;

/**
 * A coordinator stopped with a whole rollout in flight and started again on the same data folder.
 *
 * @param devices in flight when the coordinator stopped: every one past its safety check, its
 *     backup held by the stand-in workers
 * @param fillSeconds from publishing the request until every backup was held
 * @param baselineHeapMb the first coordinator's live heap before the rollout (after full GCs)
 * @param inFlightHeapMb the same coordinator's live heap with every device in flight
 * @param stopSeconds from asking the coordinator to stop until its JVM exited
 * @param readySeconds from launching the new coordinator's JVM until it said it was deployed
 * @param firstDispatchSeconds from launching the new coordinator's JVM until the first {@code
 *     ApplyMigrations} of the rollout was read (read_committed) on {@code
 *     flotilla.commands.migrate}
 * @param allDispatchedSeconds the same until all {@code devices} had theirs
 * @param finishSeconds the same until {@code RolloutFinished} was read
 * @param restartCpuSeconds the new coordinator's CPU time (its whole JVM) until every device's
 *     migration was dispatched
 */
public record RestartResult(
    int devices,
    double fillSeconds,
    double baselineHeapMb,
    double inFlightHeapMb,
    double stopSeconds,
    double readySeconds,
    double firstDispatchSeconds,
    double allDispatchedSeconds,
    double finishSeconds,
    Double restartCpuSeconds,
    int done) {

  public void printTo(PrintStream out) {
    out.printf(
        "%nCoordinator restart with %d devices in flight (targets: dispatching within 5 s,"
            + " heap at most 512 MB)%n%n",
        devices);
    out.println("| measure | value |");
    out.println("|---|---|");
    out.printf(
        "| live heap, rollout in flight | %.1f MB (%.1f MB over its %.1f MB before) |%n",
        inFlightHeapMb, inFlightHeapMb - baselineHeapMb, baselineHeapMb);
    out.printf("| launch → deployed | %.2f s |%n", readySeconds);
    out.printf("| launch → first MIGRATE dispatched | **%.2f s** |%n", firstDispatchSeconds);
    out.printf("| launch → all %d MIGRATE dispatched | %.2f s |%n", devices, allDispatchedSeconds);
    out.printf("| launch → rollout finished (%d DONE) | %.2f s |%n", done, finishSeconds);
    out.printf(
        "| new coordinator's CPU until all dispatched | %s s |%n",
        OrchestrationResult.orDash(restartCpuSeconds));
    out.printf("| filling (request → every backup held) | %.2f s |%n", fillSeconds);
    out.printf("| stop (request → JVM exited) | %.2f s |%n", stopSeconds);
  }
}
