package dev.flotilla.contracts.request;

import dev.flotilla.contracts.Check;

/**
 * How an operator's restore proceeds: the part of {@link RolloutPolicy} that has a meaning for one
 * device put back from a backup. Waves, in-flight limits, thresholds, approvals, dry runs and
 * adoption have none, and the lock wait is the migrate step's alone (a backup and a restore wait
 * for the application's lock up to their step's deadline). Every field may be left out; an omitted
 * one means what it means in an update request's policy.
 *
 * @param stepTimeoutSeconds how long the safety check, the backup or the restore may take before it
 *     counts as failed
 * @param requireReportedState a device that reports no state (parked, connections) is not yet safe
 * @param safetyRetrySeconds the first wait before a device unsafe for a transient reason (driving,
 *     busy) is checked again; each further wait doubles, up to ten times this
 * @param safetyGiveUpSeconds after this long unsafe, the restore is skipped, the device untouched
 * @param maxStateAgeSeconds how old a device's report of its own state may be and still count
 */
public record RestorePolicy(
    Integer stepTimeoutSeconds,
    Boolean requireReportedState,
    Integer safetyRetrySeconds,
    Integer safetyGiveUpSeconds,
    Integer maxStateAgeSeconds) {

  public static final RestorePolicy DEFAULT = new RestorePolicy(null, null, null, null, null);

  public RestorePolicy {
    RolloutPolicy defaults = RolloutPolicy.DEFAULT;
    stepTimeoutSeconds =
        Check.atLeast(
            stepTimeoutSeconds == null ? defaults.stepTimeoutSeconds() : stepTimeoutSeconds,
            1,
            "stepTimeoutSeconds");
    requireReportedState = requireReportedState != null && requireReportedState;
    safetyRetrySeconds =
        Check.atLeast(
            safetyRetrySeconds == null ? defaults.safetyRetrySeconds() : safetyRetrySeconds,
            1,
            "safetyRetrySeconds");
    safetyGiveUpSeconds =
        Check.atLeast(
            safetyGiveUpSeconds == null ? defaults.safetyGiveUpSeconds() : safetyGiveUpSeconds,
            0,
            "safetyGiveUpSeconds");
    maxStateAgeSeconds =
        Check.atLeast(
            maxStateAgeSeconds == null ? defaults.maxStateAgeSeconds() : maxStateAgeSeconds,
            1,
            "maxStateAgeSeconds");
  }

  /** The policy of the one-device rollout that carries the restore out. */
  public RolloutPolicy asRolloutPolicy() {
    return RolloutPolicy.DEFAULT
        .withStepTimeoutSeconds(stepTimeoutSeconds)
        .withRequireReportedState(requireReportedState)
        .withSafetyRetry(safetyRetrySeconds, safetyGiveUpSeconds)
        .withMaxStateAgeSeconds(maxStateAgeSeconds);
  }
}
