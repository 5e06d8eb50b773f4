package dev.flotilla.coordinator.projection;

import java.util.Optional;

/** What the fold may look at: the rows an event changes, as they stand before it. */
public interface ProjectedRows {
  Optional<RolloutRow> rollout(String rolloutId);

  Optional<RolloutDeviceRow> device(String rolloutId, String deviceId);

  Optional<WaveRow> wave(String rolloutId, int wave);
}
