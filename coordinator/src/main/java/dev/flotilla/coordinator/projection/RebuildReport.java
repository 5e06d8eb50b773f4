package dev.flotilla.coordinator.projection;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What a rebuild applied.
 *
 * @param events the events applied, from the start of the log to its end when the rebuild began
 * @param offsets where each events partition goes on from afterwards
 * @param rollouts the rollouts in the rebuilt projections
 * @param devices the distinct devices in them
 * @param took how long it took
 */
public record RebuildReport(
    Path file, long events, Map<Integer, Long> offsets, int rollouts, int devices, Duration took) {}
