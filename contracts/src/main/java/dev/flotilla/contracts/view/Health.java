package dev.flotilla.contracts.view;

import dev.flotilla.contracts.Check;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code GET /health}: {@code UP} (200) while the projections follow the log, else {@code DOWN}
 * (503).
 */
public record Health(String status, Projection projection) implements View {
  public Health {
    Check.required(status, "status");
    Check.required(projection, "projection");
  }

  /**
   * How the projector is doing.
   *
   * @param following whether it is reading the log
   * @param eventsApplied events applied since the coordinator started (or the last rebuild)
   * @param appliedOffsets where each events partition goes on from, by partition
   * @param lastFailure why the last batch could not be applied; null when fine
   */
  public record Projection(
      boolean following,
      long eventsApplied,
      SortedMap<Integer, Long> appliedOffsets,
      String lastFailure) {
    public Projection {
      appliedOffsets =
          Collections.unmodifiableSortedMap(
              new TreeMap<>(appliedOffsets == null ? Map.of() : appliedOffsets));
    }
  }
}
