package dev.flotilla.coordinator.saga;

import dev.flotilla.contracts.event.RolloutCounts;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.RolloutPolicy;
import java.util.List;
import java.util.Optional;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;

/**
 * Everything the coordinator knows of one rollout: a fold of its events, never anything else.
 *
 * @param lastSequence the sequence number of the last event applied
 * @param devices the selected devices in the order they start
 * @param started how many of {@code devices} have started; the rest are pending
 * @param inFlight started devices not yet finished
 */
public record RolloutState(
    RolloutId rolloutId,
    RolloutStatus status,
    long lastSequence,
    MigrationSetId migrationSet,
    int targetVersion,
    RolloutPolicy policy,
    List<DeviceId> devices,
    PMap<DeviceId, DeviceSaga> sagas,
    int started,
    int inFlight,
    RolloutCounts counts) {

  public static RolloutState initial(RolloutId rolloutId) {
    return new RolloutState(
        rolloutId,
        RolloutStatus.NEW,
        0,
        null,
        0,
        null,
        List.of(),
        HashTreePMap.empty(),
        0,
        0,
        RolloutCounts.NONE);
  }

  public Optional<DeviceSaga> saga(DeviceId deviceId) {
    return Optional.ofNullable(sagas.get(deviceId));
  }

  public boolean running() {
    return status == RolloutStatus.RUNNING;
  }

  /** Every selected device has reached its end. */
  public boolean allFinished() {
    return counts.total() == devices.size();
  }

  RolloutState with(RolloutStatus newStatus) {
    return new RolloutState(
        rolloutId,
        newStatus,
        lastSequence,
        migrationSet,
        targetVersion,
        policy,
        devices,
        sagas,
        started,
        inFlight,
        counts);
  }

  RolloutState sequence(long sequence) {
    return new RolloutState(
        rolloutId,
        status,
        sequence,
        migrationSet,
        targetVersion,
        policy,
        devices,
        sagas,
        started,
        inFlight,
        counts);
  }

  RolloutState accepted(
      MigrationSetId set, int target, RolloutPolicy rolloutPolicy, List<DeviceId> selected) {
    PMap<DeviceId, DeviceSaga> fresh = HashTreePMap.empty();
    for (DeviceId device : selected) {
      fresh = fresh.plus(device, DeviceSaga.pending(device));
    }
    return new RolloutState(
        rolloutId,
        RolloutStatus.RUNNING,
        lastSequence,
        set,
        target,
        rolloutPolicy,
        List.copyOf(selected),
        fresh,
        0,
        0,
        RolloutCounts.NONE);
  }

  RolloutState withSaga(DeviceSaga saga) {
    return new RolloutState(
        rolloutId,
        status,
        lastSequence,
        migrationSet,
        targetVersion,
        policy,
        devices,
        sagas.plus(saga.deviceId(), saga),
        started,
        inFlight,
        counts);
  }

  RolloutState deviceStarted(DeviceSaga saga) {
    return new RolloutState(
        rolloutId,
        status,
        lastSequence,
        migrationSet,
        targetVersion,
        policy,
        devices,
        sagas.plus(saga.deviceId(), saga),
        started + 1,
        inFlight + 1,
        counts);
  }

  RolloutState deviceFinished(DeviceSaga saga, boolean wasInFlight) {
    return new RolloutState(
        rolloutId,
        status,
        lastSequence,
        migrationSet,
        targetVersion,
        policy,
        devices,
        sagas.plus(saga.deviceId(), saga),
        started,
        wasInFlight ? inFlight - 1 : inFlight,
        counts.plus(saga.phase().outcome().orElseThrow()));
  }
}
