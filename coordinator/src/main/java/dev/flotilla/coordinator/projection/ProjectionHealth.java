package dev.flotilla.coordinator.projection;

import java.util.Map;

/**
 * How the projector is doing.
 *
 * @param following whether it is reading the log
 * @param eventsApplied events applied since this process started (or the last rebuild)
 * @param appliedOffsets where each events partition goes on from
 * @param lastFailure why the last batch could not be applied, if it could not; null when fine
 */
public record ProjectionHealth(
    boolean following, long eventsApplied, Map<Integer, Long> appliedOffsets, String lastFailure) {
  public boolean healthy() {
    return following && lastFailure == null;
  }
}
