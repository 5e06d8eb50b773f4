package dev.flotilla.coordinator.saga;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.event.DeviceStage;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.reply.BackupCompleted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One device's progress through its saga.
 *
 * @param pending the command awaiting its reply, if any; a reply with another command id is stale
 * @param dispatches how many commands were sent for this device, for unique command ids
 * @param sourceVersion the version found by the safety check, the version to return to
 * @param backup the verified backup taken before the migration, if one was taken
 * @param problems what went wrong so far, oldest first, for the device's final event
 * @param deferrals how many times the device was found unsafe for transient reasons
 * @param firstDeferredAt when it was first deferred, from which the give-up time counts
 * @param retryAt when a deferred device is checked again
 * @param retryStep the step a deferred device takes up again when due: null to start over from its
 *     safety check (it was unsafe, busy, or its backup failed for reasons of the surroundings),
 *     {@code VERIFY} or {@code RESTORE} to repeat a step that is safe to repeat
 */
public record DeviceSaga(
    DeviceId deviceId,
    DeviceStage stage,
    WorkerCommand pending,
    int dispatches,
    VersionId sourceVersion,
    BackupCompleted backup,
    List<String> problems,
    int deferrals,
    Instant firstDeferredAt,
    Instant retryAt,
    Step retryStep) {

  public DeviceSaga {
    problems = List.copyOf(problems);
  }

  public static DeviceSaga pending(DeviceId deviceId) {
    return new DeviceSaga(
        deviceId, DeviceStage.PENDING, null, 0, null, null, List.of(), 0, null, null, null);
  }

  public Optional<WorkerCommand> pendingCommand() {
    return Optional.ofNullable(pending);
  }

  DeviceSaga dispatched(WorkerCommand command) {
    return new DeviceSaga(
        deviceId,
        DeviceStage.of(command.step()),
        command,
        dispatches + 1,
        sourceVersion,
        backup,
        problems,
        deferrals,
        firstDeferredAt,
        null,
        null);
  }

  DeviceSaga answered() {
    return new DeviceSaga(
        deviceId,
        stage,
        null,
        dispatches,
        sourceVersion,
        backup,
        problems,
        deferrals,
        firstDeferredAt,
        retryAt,
        retryStep);
  }

  DeviceSaga withSourceVersion(VersionId version) {
    return new DeviceSaga(
        deviceId,
        stage,
        pending,
        dispatches,
        version,
        backup,
        problems,
        deferrals,
        firstDeferredAt,
        retryAt,
        retryStep);
  }

  DeviceSaga withBackup(BackupCompleted taken) {
    return new DeviceSaga(
        deviceId,
        stage,
        pending,
        dispatches,
        sourceVersion,
        taken,
        problems,
        deferrals,
        firstDeferredAt,
        retryAt,
        retryStep);
  }

  /** Records a problem once: a device deferred ten times for the same reason says it once. */
  DeviceSaga withProblem(String problem) {
    if (problems.contains(problem)) {
      return this;
    }
    List<String> more = new ArrayList<>(problems);
    more.add(problem);
    return new DeviceSaga(
        deviceId,
        stage,
        pending,
        dispatches,
        sourceVersion,
        backup,
        more,
        deferrals,
        firstDeferredAt,
        retryAt,
        retryStep);
  }

  DeviceSaga deferred(Instant now, Instant until, Step step) {
    return new DeviceSaga(
        deviceId,
        DeviceStage.DEFERRED,
        null,
        dispatches,
        sourceVersion,
        backup,
        problems,
        deferrals + 1,
        firstDeferredAt == null ? now : firstDeferredAt,
        until,
        step);
  }

  DeviceSaga finished(DeviceStage end) {
    return new DeviceSaga(
        deviceId,
        end,
        null,
        dispatches,
        sourceVersion,
        backup,
        problems,
        deferrals,
        firstDeferredAt,
        null,
        null);
  }
}
