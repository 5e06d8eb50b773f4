package dev.flotilla.coordinator.http;

import dev.flotilla.coordinator.projection.NamedCount;
import dev.flotilla.coordinator.projection.ProjectionQueries;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;

/**
 * The fleet's standing on {@code /metrics}: rollouts by status ({@code flotilla_rollouts}) and the
 * devices of rollouts not ended by stage ({@code flotilla_rollout_devices}). Read from the
 * projections on a worker thread every few seconds, so a scrape reads memory only.
 */
final class FleetGauges {
  private final MultiGauge rollouts =
      MultiGauge.builder("flotilla.rollouts")
          .description("Rollouts by status")
          .register(Metrics.globalRegistry);
  private final MultiGauge devices =
      MultiGauge.builder("flotilla.rollout.devices")
          .description("Devices of rollouts not ended (finished or rejected), by stage")
          .register(Metrics.globalRegistry);

  /** Blocking: a worker thread's. */
  void refresh(ProjectionQueries queries) {
    rollouts.register(rows("status", queries.rolloutsByStatus()), true);
    devices.register(rows("stage", queries.activeDevicesByStage()), true);
  }

  private static List<MultiGauge.Row<?>> rows(String tag, List<NamedCount> counts) {
    return counts.stream()
        .<MultiGauge.Row<?>>map(c -> MultiGauge.Row.of(Tags.of(tag, c.name()), c.count()))
        .toList();
  }
}
