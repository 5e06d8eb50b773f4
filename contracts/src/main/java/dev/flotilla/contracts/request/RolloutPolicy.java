package dev.flotilla.contracts.request;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.InvalidMessageException;
import java.util.List;

/**
 * How a rollout proceeds. Every field may be left out of the JSON; {@link #DEFAULT} says what an
 * omitted field means.
 *
 * @param waves cumulative percentages of the selected devices, strictly increasing, ending at 100
 *     (e.g. {@code [1, 10, 50, 100]}: a canary, then 10 %, 50 %, everyone)
 * @param maxInFlight how many devices may be between safety check and their final state at once
 * @param failureThreshold the failure rate (0..1) of finished devices that trips {@code
 *     onThreshold}
 * @param stepTimeoutSeconds how long a dispatched step may take before it counts as failed
 */
public record RolloutPolicy(
    List<Integer> waves,
    Integer maxInFlight,
    Double failureThreshold,
    OnThreshold onThreshold,
    Approval approval,
    Boolean dryRun,
    Integer stepTimeoutSeconds,
    Boolean requireReportedState) {

  public static final RolloutPolicy DEFAULT =
      new RolloutPolicy(List.of(100), 50, 1.0, OnThreshold.HALT, Approval.NONE, false, 300, false);

  public RolloutPolicy {
    waves = waves == null ? List.of(100) : Check.nonEmptyList(waves, "waves");
    int previous = 0;
    for (int i = 0; i < waves.size(); i++) {
      int wave = waves.get(i);
      if (wave <= previous || wave > 100) {
        throw new InvalidMessageException(
            "waves[" + i + "]", "waves are cumulative percentages, increasing, between 1 and 100");
      }
      previous = wave;
    }
    if (previous != 100) {
      throw new InvalidMessageException("waves", "the last wave must be 100 (every device)");
    }
    maxInFlight = Check.atLeast(maxInFlight == null ? 50 : maxInFlight, 1, "maxInFlight");
    failureThreshold = failureThreshold == null ? 1.0 : failureThreshold;
    if (failureThreshold.isNaN() || failureThreshold < 0 || failureThreshold > 1) {
      throw new InvalidMessageException("failureThreshold", "must be between 0 and 1");
    }
    onThreshold = onThreshold == null ? OnThreshold.HALT : onThreshold;
    approval = approval == null ? Approval.NONE : approval;
    dryRun = dryRun != null && dryRun;
    stepTimeoutSeconds =
        Check.atLeast(
            stepTimeoutSeconds == null ? 300 : stepTimeoutSeconds, 1, "stepTimeoutSeconds");
    requireReportedState = requireReportedState != null && requireReportedState;
  }
}
