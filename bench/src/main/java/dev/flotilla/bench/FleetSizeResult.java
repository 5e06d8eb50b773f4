package dev.flotilla.bench;

/**
 * One rollout end to end at one fleet size, on devices of its own, after the measured rollout: how
 * the time per device grows with the fleet.
 *
 * @param timePerDeviceOverMeasured ms per device over the measured rollout's (the fleet of {@code
 *     --devices})
 */
record FleetSizeResult(
    int devices,
    double seconds,
    double msPerDevice,
    double devicesPerSecond,
    double peakHeapMb,
    double timePerDeviceOverMeasured) {

  static FleetSizeResult of(EndToEndBench.Rollout rollout, EndToEndBench.Rollout measured) {
    return new FleetSizeResult(
        rollout.devices(),
        rollout.elapsedNanos() / 1e9,
        rollout.msPerDevice(),
        rollout.devices() / (rollout.elapsedNanos() / 1e9),
        rollout.heap().peakUsedBytes() / (1024.0 * 1024),
        rollout.msPerDevice() / measured.msPerDevice());
  }
}
