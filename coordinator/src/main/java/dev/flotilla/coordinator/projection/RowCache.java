package dev.flotilla.coordinator.projection;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The committed rows of the rollouts still running, kept in memory by the projections' one writer,
 * so that an event finds its rollout's, device's and wave's rows without a query. It is told of a
 * batch's rows only once their transaction has committed, so a batch that fails leaves it as the
 * file is. A rollout's rows leave it when the rollout ends: memory stays bounded by the rollouts in
 * progress, and a late event of an ended rollout (a refused control) reads the file.
 *
 * <p>While it is <em>complete</em> (since the tables were created empty, every committed row went
 * through it), a row it does not hold and was never let go of does not exist, and the file is not
 * asked at all: what makes a rebuild from the log fast.
 */
final class RowCache {
  private static final class Rollout {
    RolloutRow row;
    final Map<String, RolloutDeviceRow> devices = new HashMap<>();
    final Map<Integer, WaveRow> waves = new HashMap<>();
  }

  private final Map<String, Rollout> rollouts = new HashMap<>();
  private final Set<String> letGo = new HashSet<>();
  private boolean complete;

  /** Forgets everything; {@code empty} says whether the file's rollout tables are empty now. */
  void reset(boolean empty) {
    rollouts.clear();
    letGo.clear();
    complete = empty;
  }

  /**
   * The rows as committed: from here, else from {@code stored} (the file, within a transaction).
   */
  ProjectedRows over(ProjectedRows stored) {
    return new ProjectedRows() {
      @Override
      public Optional<RolloutRow> rollout(String rolloutId) {
        return RowCache.this.rollout(rolloutId, stored);
      }

      @Override
      public Optional<RolloutDeviceRow> device(String rolloutId, String deviceId) {
        return RowCache.this.device(rolloutId, deviceId, stored);
      }

      @Override
      public Optional<WaveRow> wave(String rolloutId, int wave) {
        return RowCache.this.wave(rolloutId, wave, stored);
      }
    };
  }

  private Optional<RolloutRow> rollout(String rolloutId, ProjectedRows stored) {
    Rollout cached = rollouts.get(rolloutId);
    if (cached != null && cached.row != null) {
      return Optional.of(cached.row);
    }
    return knownAbsent(rolloutId) ? Optional.empty() : stored.rollout(rolloutId);
  }

  private Optional<RolloutDeviceRow> device(
      String rolloutId, String deviceId, ProjectedRows stored) {
    Rollout cached = rollouts.get(rolloutId);
    RolloutDeviceRow row = cached == null ? null : cached.devices.get(deviceId);
    if (row != null) {
      return Optional.of(row);
    }
    return knownAbsent(rolloutId) ? Optional.empty() : stored.device(rolloutId, deviceId);
  }

  private Optional<WaveRow> wave(String rolloutId, int wave, ProjectedRows stored) {
    Rollout cached = rollouts.get(rolloutId);
    WaveRow row = cached == null ? null : cached.waves.get(wave);
    if (row != null) {
      return Optional.of(row);
    }
    return knownAbsent(rolloutId) ? Optional.empty() : stored.wave(rolloutId, wave);
  }

  /**
   * Takes the rows a batch wrote, once committed: they are what the file holds now. Rows the cache
   * does not hold are read from the file unless it is complete.
   */
  void committed(
      Iterable<RolloutRow> rolloutRows,
      Iterable<RolloutDeviceRow> deviceRows,
      Iterable<WaveRow> waveRows) {
    for (RolloutRow row : rolloutRows) {
      entry(row.rolloutId()).row = row;
    }
    for (RolloutDeviceRow row : deviceRows) {
      entry(row.rolloutId()).devices.put(row.deviceId(), row);
    }
    for (WaveRow row : waveRows) {
      entry(row.rolloutId()).waves.put(row.wave(), row);
    }
    for (RolloutRow row : rolloutRows) {
      if (row.finishedAt() != null) {
        rollouts.remove(row.rolloutId());
        if (complete) {
          letGo.add(row.rolloutId());
        }
      }
    }
  }

  private Rollout entry(String rolloutId) {
    return rollouts.computeIfAbsent(rolloutId, id -> new Rollout());
  }

  private boolean knownAbsent(String rolloutId) {
    return complete && !letGo.contains(rolloutId);
  }
}
