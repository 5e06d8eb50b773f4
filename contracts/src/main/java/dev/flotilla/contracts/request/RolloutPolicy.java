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
 * @param requireReportedState judge devices that report no state (parked, connections) as not yet
 *     safe, instead of on their database checks alone
 * @param safetyRetrySeconds the first wait before a device that was unsafe for a transient reason
 *     (driving, busy) is checked again; each further wait doubles, up to ten times this
 * @param safetyGiveUpSeconds after this long unsafe, a deferred device is skipped
 * @param lockWaitSeconds how long a migration waits for the database's write lock while the
 *     device's application holds it; past it the device is deferred as busy (nothing applied) and
 *     checked again later, like a driving one
 * @param maxStateAgeSeconds how old a device's report of its own state may be and still count:
 *     older state is unknown (the device may have started driving since), so the device is deferred
 *     as {@code stale-device-state} until it reports again; judged by the safety check and again by
 *     the migrate step just before it starts
 * @param adoptExisting adopt a database without Flotilla's history (one another tool or the
 *     application migrated) at the version its schema proves, cross-checked with that tool's
 *     history; false skips such a database with {@code adoption-disabled}
 */
public record RolloutPolicy(
    List<Integer> waves,
    Integer maxInFlight,
    Double failureThreshold,
    OnThreshold onThreshold,
    Approval approval,
    Boolean dryRun,
    Integer stepTimeoutSeconds,
    Boolean requireReportedState,
    Integer safetyRetrySeconds,
    Integer safetyGiveUpSeconds,
    Integer lockWaitSeconds,
    Integer maxStateAgeSeconds,
    Boolean adoptExisting) {

  /** Devices are expected to report their state on every change and at least every minute. */
  static final int DEFAULT_MAX_STATE_AGE_SECONDS = 300;

  public static final RolloutPolicy DEFAULT =
      new RolloutPolicy(
          List.of(100),
          50,
          1.0,
          OnThreshold.HALT,
          Approval.NONE,
          false,
          300,
          false,
          30,
          3600,
          30,
          DEFAULT_MAX_STATE_AGE_SECONDS,
          true);

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
    safetyRetrySeconds =
        Check.atLeast(
            safetyRetrySeconds == null ? 30 : safetyRetrySeconds, 1, "safetyRetrySeconds");
    safetyGiveUpSeconds =
        Check.atLeast(
            safetyGiveUpSeconds == null ? 3600 : safetyGiveUpSeconds, 0, "safetyGiveUpSeconds");
    lockWaitSeconds =
        Check.atLeast(lockWaitSeconds == null ? 30 : lockWaitSeconds, 1, "lockWaitSeconds");
    maxStateAgeSeconds =
        Check.atLeast(
            maxStateAgeSeconds == null ? DEFAULT_MAX_STATE_AGE_SECONDS : maxStateAgeSeconds,
            1,
            "maxStateAgeSeconds");
    adoptExisting = adoptExisting == null || adoptExisting;
  }

  /** A policy as schema 3 wrote it, before databases could be adopted: they are, by default. */
  public RolloutPolicy(
      List<Integer> waves,
      Integer maxInFlight,
      Double failureThreshold,
      OnThreshold onThreshold,
      Approval approval,
      Boolean dryRun,
      Integer stepTimeoutSeconds,
      Boolean requireReportedState,
      Integer safetyRetrySeconds,
      Integer safetyGiveUpSeconds,
      Integer lockWaitSeconds,
      Integer maxStateAgeSeconds) {
    this(
        waves,
        maxInFlight,
        failureThreshold,
        onThreshold,
        approval,
        dryRun,
        stepTimeoutSeconds,
        requireReportedState,
        safetyRetrySeconds,
        safetyGiveUpSeconds,
        lockWaitSeconds,
        maxStateAgeSeconds,
        null);
  }

  /** A policy as schema 2 wrote it, without a limit on the age of device state: the default. */
  public RolloutPolicy(
      List<Integer> waves,
      Integer maxInFlight,
      Double failureThreshold,
      OnThreshold onThreshold,
      Approval approval,
      Boolean dryRun,
      Integer stepTimeoutSeconds,
      Boolean requireReportedState,
      Integer safetyRetrySeconds,
      Integer safetyGiveUpSeconds,
      Integer lockWaitSeconds) {
    this(
        waves,
        maxInFlight,
        failureThreshold,
        onThreshold,
        approval,
        dryRun,
        stepTimeoutSeconds,
        requireReportedState,
        safetyRetrySeconds,
        safetyGiveUpSeconds,
        lockWaitSeconds,
        null);
  }

  /** A policy as schema 1 wrote it, without a lock wait: the default applies. */
  public RolloutPolicy(
      List<Integer> waves,
      Integer maxInFlight,
      Double failureThreshold,
      OnThreshold onThreshold,
      Approval approval,
      Boolean dryRun,
      Integer stepTimeoutSeconds,
      Boolean requireReportedState,
      Integer safetyRetrySeconds,
      Integer safetyGiveUpSeconds) {
    this(
        waves,
        maxInFlight,
        failureThreshold,
        onThreshold,
        approval,
        dryRun,
        stepTimeoutSeconds,
        requireReportedState,
        safetyRetrySeconds,
        safetyGiveUpSeconds,
        null);
  }

  /** How many of {@code deviceCount} devices have started once wave {@code wave} (1-based) runs. */
  public int devicesThroughWave(int wave, int deviceCount) {
    int percent = waves.get(Math.min(wave, waves.size()) - 1);
    int through = (int) Math.ceil(percent * (double) deviceCount / 100.0);
    return Math.max(Math.min(through, deviceCount), Math.min(wave, deviceCount));
  }

  public RolloutPolicy withLockWaitSeconds(int seconds) {
    return new RolloutPolicy(
        waves,
        maxInFlight,
        failureThreshold,
        onThreshold,
        approval,
        dryRun,
        stepTimeoutSeconds,
        requireReportedState,
        safetyRetrySeconds,
        safetyGiveUpSeconds,
        seconds,
        maxStateAgeSeconds,
        adoptExisting);
  }

  public RolloutPolicy withWaves(List<Integer> newWaves) {
    return new RolloutPolicy(
        newWaves,
        maxInFlight,
        failureThreshold,
        onThreshold,
        approval,
        dryRun,
        stepTimeoutSeconds,
        requireReportedState,
        safetyRetrySeconds,
        safetyGiveUpSeconds,
        lockWaitSeconds,
        maxStateAgeSeconds,
        adoptExisting);
  }

  public RolloutPolicy withMaxInFlight(int newMaxInFlight) {
    return new RolloutPolicy(
        waves,
        newMaxInFlight,
        failureThreshold,
        onThreshold,
        approval,
        dryRun,
        stepTimeoutSeconds,
        requireReportedState,
        safetyRetrySeconds,
        safetyGiveUpSeconds,
        lockWaitSeconds,
        maxStateAgeSeconds,
        adoptExisting);
  }

  public RolloutPolicy withFailureThreshold(double threshold, OnThreshold action) {
    return new RolloutPolicy(
        waves,
        maxInFlight,
        threshold,
        action,
        approval,
        dryRun,
        stepTimeoutSeconds,
        requireReportedState,
        safetyRetrySeconds,
        safetyGiveUpSeconds,
        lockWaitSeconds,
        maxStateAgeSeconds,
        adoptExisting);
  }

  public RolloutPolicy withApproval(Approval newApproval) {
    return new RolloutPolicy(
        waves,
        maxInFlight,
        failureThreshold,
        onThreshold,
        newApproval,
        dryRun,
        stepTimeoutSeconds,
        requireReportedState,
        safetyRetrySeconds,
        safetyGiveUpSeconds,
        lockWaitSeconds,
        maxStateAgeSeconds,
        adoptExisting);
  }

  public RolloutPolicy withDryRun(boolean newDryRun) {
    return new RolloutPolicy(
        waves,
        maxInFlight,
        failureThreshold,
        onThreshold,
        approval,
        newDryRun,
        stepTimeoutSeconds,
        requireReportedState,
        safetyRetrySeconds,
        safetyGiveUpSeconds,
        lockWaitSeconds,
        maxStateAgeSeconds,
        adoptExisting);
  }

  public RolloutPolicy withStepTimeoutSeconds(int seconds) {
    return new RolloutPolicy(
        waves,
        maxInFlight,
        failureThreshold,
        onThreshold,
        approval,
        dryRun,
        seconds,
        requireReportedState,
        safetyRetrySeconds,
        safetyGiveUpSeconds,
        lockWaitSeconds,
        maxStateAgeSeconds,
        adoptExisting);
  }

  public RolloutPolicy withRequireReportedState(boolean required) {
    return new RolloutPolicy(
        waves,
        maxInFlight,
        failureThreshold,
        onThreshold,
        approval,
        dryRun,
        stepTimeoutSeconds,
        required,
        safetyRetrySeconds,
        safetyGiveUpSeconds,
        lockWaitSeconds,
        maxStateAgeSeconds,
        adoptExisting);
  }

  public RolloutPolicy withSafetyRetry(int retrySeconds, int giveUpSeconds) {
    return new RolloutPolicy(
        waves,
        maxInFlight,
        failureThreshold,
        onThreshold,
        approval,
        dryRun,
        stepTimeoutSeconds,
        requireReportedState,
        retrySeconds,
        giveUpSeconds,
        lockWaitSeconds,
        maxStateAgeSeconds,
        adoptExisting);
  }

  public RolloutPolicy withMaxStateAgeSeconds(int seconds) {
    return new RolloutPolicy(
        waves,
        maxInFlight,
        failureThreshold,
        onThreshold,
        approval,
        dryRun,
        stepTimeoutSeconds,
        requireReportedState,
        safetyRetrySeconds,
        safetyGiveUpSeconds,
        lockWaitSeconds,
        seconds,
        adoptExisting);
  }

  public RolloutPolicy withAdoptExisting(boolean adopt) {
    return new RolloutPolicy(
        waves,
        maxInFlight,
        failureThreshold,
        onThreshold,
        approval,
        dryRun,
        stepTimeoutSeconds,
        requireReportedState,
        safetyRetrySeconds,
        safetyGiveUpSeconds,
        lockWaitSeconds,
        maxStateAgeSeconds,
        adopt);
  }
}
