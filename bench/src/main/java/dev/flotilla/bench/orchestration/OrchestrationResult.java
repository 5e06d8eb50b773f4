package dev.flotilla.bench.orchestration;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The coordinator alone against bare Kafka round trips, one row per fleet size.
 *
 * @param partitions of every topic
 * @param warmupDevices the untimed rollout before the measured ones
 * @param rows one per size, in the order run
 */
public record OrchestrationResult(int partitions, int warmupDevices, List<Size> rows) {
  /**
   * One size.
   *
   * @param seconds from publishing the update request to reading {@code RolloutFinished}
   * @param coordinatorCpuMsPerSaga the coordinator's JVM, all threads; null when unreadable
   * @param brokerCpuMsPerSaga the broker's JVM; null when its process is unknown
   * @param benchCpuMsPerSaga this JVM: the stand-in workers and the follower
   * @param coordinatorTransactionsPerSaga commit markers on the rollout's events partition
   * @param workerTransactionsPerSaga commit markers on the rollout's replies partition
   * @param written per topic: records per saga, bytes per record, markers per saga
   * @param bareSeconds the peer, from publishing its request to reading its last event
   * @param bareBrokerCpuMsPerSaga the broker during the peer
   * @param bareClientCpuMsPerSaga this JVM during the peer: both bare loops and the follower
   * @param bareWritten the peer's records per topic
   * @param timeOverBare seconds over bareSeconds
   */
  public record Size(
      int devices,
      double seconds,
      double sagasPerSecond,
      double msPerSaga,
      Double coordinatorCpuMsPerSaga,
      Double brokerCpuMsPerSaga,
      Double benchCpuMsPerSaga,
      double coordinatorTransactionsPerSaga,
      double workerTransactionsPerSaga,
      Map<String, Written> written,
      double bareSeconds,
      double bareSagasPerSecond,
      Double bareBrokerCpuMsPerSaga,
      Double bareClientCpuMsPerSaga,
      double bareTransactionsPerSaga,
      Map<String, Written> bareWritten,
      double timeOverBare,
      Map<String, Integer> outcomes) {}

  /** What one topic took per saga. */
  public record Written(double recordsPerSaga, double bytesPerRecord, double markersPerSaga) {}

  public void printTo(PrintStream out) {
    out.printf(
        "%nCoordinator alone (stand-in workers answer at once; %d partitions; warm-up %d devices)%n%n",
        partitions, warmupDevices);
    out.println(
        "| devices | sagas/s | ms/saga | coordinator CPU ms/saga | broker CPU ms/saga |"
            + " coordinator txns/saga | bare sagas/s | bare broker CPU ms/saga |"
            + " time over bare |");
    out.println("|---|---|---|---|---|---|---|---|---|");
    for (Size row : rows) {
      out.printf(
          "| %d | %.0f | %.3f | %s | %s | %.2f | %.0f | %s | **%.2f×** |%n",
          row.devices(),
          row.sagasPerSecond(),
          row.msPerSaga(),
          orDash(row.coordinatorCpuMsPerSaga()),
          orDash(row.brokerCpuMsPerSaga()),
          row.coordinatorTransactionsPerSaga(),
          row.bareSagasPerSecond(),
          orDash(row.bareBrokerCpuMsPerSaga()),
          row.timeOverBare());
    }
    for (Size row : rows) {
      out.printf(
          "%nRecords written per saga, %d devices (coordinator run | bare peer)%n%n",
          row.devices());
      out.println("| topic | records/saga | bytes/record | markers/saga |");
      out.println("|---|---|---|---|");
      row.written()
          .forEach(
              (topic, w) ->
                  out.printf(
                      "| %s | %.2f | %.0f | %.2f |%n",
                      topic, w.recordsPerSaga(), w.bytesPerRecord(), w.markersPerSaga()));
      row.bareWritten()
          .forEach(
              (topic, w) ->
                  out.printf(
                      "| %s | %.2f | %.0f | %.2f |%n",
                      topic, w.recordsPerSaga(), w.bytesPerRecord(), w.markersPerSaga()));
      out.printf(
          "%nworker txns/saga %.2f, bench JVM CPU ms/saga %s (stand-in) against %s (bare loops),"
              + " bare txns/saga %.2f; outcomes %s%n",
          row.workerTransactionsPerSaga(),
          orDash(row.benchCpuMsPerSaga()),
          orDash(row.bareClientCpuMsPerSaga()),
          row.bareTransactionsPerSaga(),
          row.outcomes());
    }
  }

  static String orDash(Double value) {
    return value == null ? "–" : String.format("%.3f", value);
  }
}
