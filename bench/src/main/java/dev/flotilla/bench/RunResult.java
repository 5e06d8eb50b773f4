package dev.flotilla.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One timed run of one variant over a fresh copy of the fleet.
 *
 * @param round 1.. for measured rounds (the warm-up is never recorded)
 * @param msPerDeviceByStep where the time went, for a variant of several steps
 */
record RunResult(
    String variant,
    int round,
    int devices,
    long elapsedNanos,
    HeapWatch.Usage heap,
    Map<String, Double> msPerDeviceByStep) {
  RunResult {
    if (devices < 1 || elapsedNanos <= 0) {
      throw new IllegalArgumentException("a run migrates at least one device in some time");
    }
    // In the order the steps run.
    msPerDeviceByStep = Collections.unmodifiableMap(new LinkedHashMap<>(msPerDeviceByStep));
  }

  double msPerDevice() {
    return elapsedNanos / 1e6 / devices;
  }

  double devicesPerSecond() {
    return devices / (elapsedNanos / 1e9);
  }

  double allocatedKbPerDevice() {
    return heap.allocatedBytes() / 1024.0 / devices;
  }

  double peakHeapMb() {
    return heap.peakUsedBytes() / (1024.0 * 1024);
  }

  double peakLiveMb() {
    return heap.peakLiveBytes() / (1024.0 * 1024);
  }
}
