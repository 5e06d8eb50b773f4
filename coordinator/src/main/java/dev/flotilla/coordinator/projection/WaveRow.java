package dev.flotilla.coordinator.projection;

import java.time.Instant;

/**
 * One wave of a rollout.
 *
 * @param deviceCount how many devices it admitted; 0 while it awaits approval
 * @param approvedBy who approved it, when the policy asked for approval
 */
public record WaveRow(
    String rolloutId,
    int wave,
    State state,
    int deviceCount,
    Instant awaitingSince,
    String approvedBy,
    Instant approvedAt,
    Instant startedAt) {

  public enum State {
    AWAITING_APPROVAL,
    APPROVED,
    STARTED
  }

  static WaveRow awaiting(String rolloutId, int wave, Instant at) {
    return new WaveRow(rolloutId, wave, State.AWAITING_APPROVAL, 0, at, null, null, null);
  }

  static WaveRow unseen(String rolloutId, int wave) {
    return new WaveRow(rolloutId, wave, State.AWAITING_APPROVAL, 0, null, null, null, null);
  }

  WaveRow approved(String by, Instant at) {
    return new WaveRow(
        rolloutId, wave, State.APPROVED, deviceCount, awaitingSince, by, at, startedAt);
  }

  WaveRow started(int devices, Instant at) {
    return new WaveRow(
        rolloutId, wave, State.STARTED, devices, awaitingSince, approvedBy, approvedAt, at);
  }
}
