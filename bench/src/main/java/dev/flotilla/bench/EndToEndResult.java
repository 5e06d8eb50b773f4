package dev.flotilla.bench;

import java.util.List;
import java.util.Map;

/**
 * One rollout of the fleet over Kafka, timed from publishing the update request to reading its
 * {@code RolloutFinished}.
 *
 * @param timeOverFlyway ms per device end to end over the Flyway loop's median (null without it)
 * @param timeOverBare ms per device end to end over the bare JDBC loop's median
 * @param timeOverSafe ms per device end to end over the in-process safe sequence's median
 * @param allocationOverFlyway allocation per device over the Flyway loop's median
 * @param peakHeapOverFlyway peak heap over the Flyway loop's median
 * @param notifierLatency how late the measured rollout's events reached an SSE client of the
 *     notifier, against a bare consumer of the same topic
 * @param cpu where the CPU time of the measured rollout went, by part of the deployment
 * @param idle the CPU the deployment used at rest, before the rollouts, over a few seconds
 * @param fleetSizes rollouts of other fleet sizes after the measured one (empty without {@code
 *     --sizes})
 */
record EndToEndResult(
    String does,
    int devices,
    int maxInFlight,
    int partitions,
    int warmupDevices,
    double brokerStartSeconds,
    double seconds,
    double devicesPerSecond,
    double msPerDevice,
    HeapWatch.Usage heap,
    double allocatedKbPerDevice,
    Map<String, Integer> outcomes,
    Double timeOverFlyway,
    Double timeOverBare,
    Double timeOverSafe,
    Double allocationOverFlyway,
    Double peakHeapOverFlyway,
    NotifierLatencyResult notifierLatency,
    CpuAccount.Split cpu,
    CpuAccount.Split idle,
    List<FleetSizeResult> fleetSizes) {}
