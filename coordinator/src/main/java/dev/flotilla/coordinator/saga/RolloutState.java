package dev.flotilla.coordinator.saga;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.event.DeviceStage;
import dev.flotilla.contracts.event.RolloutCounts;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.BackupChoice;
import dev.flotilla.contracts.request.OnThreshold;
import dev.flotilla.contracts.request.RolloutPolicy;
import java.util.List;
import java.util.Optional;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;

/**
 * Everything the coordinator knows of one rollout: a fold of its events, never anything else.
 *
 * @param standing where the rollout stands as a whole, as the projections show it too
 * @param migrationSet the set a migration applies; null for an operator's restore
 * @param targetVersion the version a migration brings its devices to; null for a restore
 * @param restore for an operator's restore, which backup it puts back; null for a migration
 * @param requestedBy who asked for the rollout; null before it was accepted
 * @param lastSequence the sequence number of the last event applied
 * @param devices the selected devices in the order they start
 * @param started how many of {@code devices} have started; the rest are pending
 * @param inFlight devices between a dispatched step and their end (deferred ones hold no slot)
 * @param deferred devices waiting to be checked again
 * @param waveLimit how many devices (in selection order) the waves so far let start
 * @param acceptedFailures failures an operator accepted by resuming a halted rollout; only failures
 *     beyond these can halt it again
 */
public record RolloutState(
    RolloutId rolloutId,
    RolloutStanding standing,
    long lastSequence,
    MigrationSetId migrationSet,
    VersionId targetVersion,
    RolloutPolicy policy,
    List<DeviceId> devices,
    PMap<DeviceId, DeviceSaga> sagas,
    int started,
    int inFlight,
    int deferred,
    RolloutCounts counts,
    int waveLimit,
    int acceptedFailures,
    BackupChoice restore,
    String requestedBy) {

  public static RolloutState initial(RolloutId rolloutId) {
    return new RolloutState(
        rolloutId,
        RolloutStanding.NEW,
        0,
        null,
        VersionId.ZERO,
        null,
        List.of(),
        HashTreePMap.empty(),
        0,
        0,
        0,
        RolloutCounts.NONE,
        0,
        0,
        null,
        null);
  }

  public RolloutStatus status() {
    return standing.status();
  }

  public Optional<DeviceSaga> saga(DeviceId deviceId) {
    return Optional.ofNullable(sagas.get(deviceId));
  }

  public boolean running() {
    return standing.running();
  }

  /** Every selected device has reached its end. */
  public boolean allFinished() {
    return counts.total() == devices.size();
  }

  boolean dryRun() {
    return policy != null && policy.dryRun();
  }

  /**
   * The failure threshold passed with {@code onThreshold: rollback}: the rollout was halted and
   * aborted at once, and every device it migrated goes back to its source version, including those
   * still migrating or verifying then.
   */
  boolean rollingBack() {
    return standing.halted()
        && standing.aborted()
        && policy != null
        && policy.onThreshold() == OnThreshold.ROLLBACK;
  }

  /** An operator's restore of one device rather than a migration. */
  public boolean restoring() {
    return restore != null;
  }

  Copy copy() {
    return new Copy(this);
  }

  RolloutState accepted(
      MigrationSetId set,
      VersionId target,
      RolloutPolicy rolloutPolicy,
      List<DeviceId> selected,
      BackupChoice restoreChoice,
      String requester) {
    PMap<DeviceId, DeviceSaga> fresh = HashTreePMap.empty();
    for (DeviceId device : selected) {
      fresh = fresh.plus(device, DeviceSaga.pending(device));
    }
    Copy copy = copy();
    copy.migrationSet = set;
    copy.targetVersion = target;
    copy.policy = rolloutPolicy;
    copy.devices = List.copyOf(selected);
    copy.sagas = fresh;
    copy.restore = restoreChoice;
    copy.requestedBy = requester;
    return copy.build();
  }

  /** Applies a saga change, keeping the slot and outcome counters in step with its stage. */
  RolloutState withSaga(DeviceSaga next) {
    DeviceSaga before = sagas.get(next.deviceId());
    Copy copy = copy();
    copy.sagas = sagas.plus(next.deviceId(), next);
    if (before.stage() == DeviceStage.PENDING && next.stage() != DeviceStage.PENDING) {
      copy.started++;
    }
    copy.inFlight += (next.stage().inFlight() ? 1 : 0) - (before.stage().inFlight() ? 1 : 0);
    copy.deferred +=
        (next.stage() == DeviceStage.DEFERRED ? 1 : 0)
            - (before.stage() == DeviceStage.DEFERRED ? 1 : 0);
    before.stage().outcome().ifPresent(o -> copy.counts = copy.counts.minus(o));
    next.stage().outcome().ifPresent(o -> copy.counts = copy.counts.plus(o));
    return copy.build();
  }

  /** A mutable copy, so that each evolution step names only what it changes. */
  static final class Copy {
    RolloutId rolloutId;
    RolloutStanding standing;
    long lastSequence;
    MigrationSetId migrationSet;
    VersionId targetVersion;
    RolloutPolicy policy;
    List<DeviceId> devices;
    PMap<DeviceId, DeviceSaga> sagas;
    int started;
    int inFlight;
    int deferred;
    RolloutCounts counts;
    int waveLimit;
    int acceptedFailures;
    BackupChoice restore;
    String requestedBy;

    private Copy(RolloutState s) {
      rolloutId = s.rolloutId;
      standing = s.standing;
      lastSequence = s.lastSequence;
      migrationSet = s.migrationSet;
      targetVersion = s.targetVersion;
      policy = s.policy;
      devices = s.devices;
      sagas = s.sagas;
      started = s.started;
      inFlight = s.inFlight;
      deferred = s.deferred;
      counts = s.counts;
      waveLimit = s.waveLimit;
      acceptedFailures = s.acceptedFailures;
      restore = s.restore;
      requestedBy = s.requestedBy;
    }

    RolloutState build() {
      return new RolloutState(
          rolloutId,
          standing,
          lastSequence,
          migrationSet,
          targetVersion,
          policy,
          devices,
          sagas,
          started,
          inFlight,
          deferred,
          counts,
          waveLimit,
          acceptedFailures,
          restore,
          requestedBy);
    }
  }
}
