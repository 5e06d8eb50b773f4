package dev.flotilla.coordinator.saga;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.ApplyMigrations;
import dev.flotilla.contracts.command.RestoreBackup;
import dev.flotilla.contracts.command.RollbackMigrations;
import dev.flotilla.contracts.command.RunSafetyCheck;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.command.TakeBackup;
import dev.flotilla.contracts.command.VerifyMigration;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.event.StepDispatched;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The events of one decision being written: each one is applied to the working state at once, so
 * later choices in the same decision see earlier ones. Ids are derived from the rollout and the
 * sequence number, so deciding again from the same state gives the very same events.
 */
final class Decision {
  private RolloutState state;
  private final Instant now;
  private final List<RolloutEvent> events = new ArrayList<>();

  Decision(RolloutState state, Instant now) {
    this.state = state;
    this.now = now;
  }

  RolloutState state() {
    return state;
  }

  Instant now() {
    return now;
  }

  List<RolloutEvent> events() {
    return List.copyOf(events);
  }

  /** Appends an event built from its sequence number and id. */
  void emit(BiFunction<Long, MessageId, RolloutEvent> event) {
    long sequence = state.lastSequence() + 1;
    RolloutEvent built = event.apply(sequence, eventId(state.rolloutId(), sequence));
    events.add(built);
    state = RolloutDecider.evolve(state, built);
  }

  void dispatch(DeviceSaga saga, Step step, MessageId causation) {
    emit(
        (sequence, id) ->
            new StepDispatched(
                id, state.rolloutId(), sequence, causation, now, command(saga, step, id)));
  }

  /** Ends a device's saga; {@code extraReasons} are added to the problems it met on its way. */
  void finish(DeviceSaga saga, DeviceOutcome outcome, MessageId causation, String... extraReasons) {
    VersionId version =
        switch (outcome) {
          // A dry run touches nothing: the device stays at its source version. A restore leaves
          // the device at the version of the backup it put back.
          case DONE ->
              state.restoring()
                  ? saga.backup().toRestore().version()
                  : state.dryRun() ? saga.sourceVersion() : state.targetVersion();
          case ROLLED_BACK, FAILED, SKIPPED -> saga.sourceVersion();
          case NEEDS_ATTENTION -> null;
        };
    List<String> reasons = new ArrayList<>(saga.problems());
    reasons.addAll(List.of(extraReasons));
    emit(
        (sequence, id) ->
            new DeviceFinished(
                id,
                state.rolloutId(),
                sequence,
                causation,
                now,
                saga.deviceId(),
                outcome,
                version,
                saga.backup() == null ? null : saga.backup().backupId(),
                reasons));
  }

  /**
   * Records the dispatch of a command that {@code carriedBy} took to its worker (a migration
   * carries its verification): nothing is sent, its reply follows the carrier's.
   */
  void dispatchCarried(WorkerCommand command, CommandId carriedBy, MessageId causation) {
    emit(
        (sequence, id) ->
            new StepDispatched(
                id, state.rolloutId(), sequence, causation, now, command, carriedBy));
  }

  private CommandId commandId(DeviceSaga saga, Step step, int number) {
    return CommandId.of(
        state.rolloutId() + "/" + saga.deviceId() + "/" + step.wireName() + "/" + number);
  }

  private WorkerCommand command(DeviceSaga saga, Step step, MessageId causation) {
    int number = saga.dispatches() + 1;
    CommandId commandId = commandId(saga, step, number);
    MessageId id = MessageId.derivedFrom("command:" + commandId);
    Instant deadline = now.plusSeconds(state.policy().stepTimeoutSeconds());
    var rollout = state.rolloutId();
    var device = saga.deviceId();
    if (state.restoring()) {
      return restoreCommand(saga, step, id, commandId, causation, deadline);
    }
    return switch (step) {
      case SAFETY_CHECK ->
          new RunSafetyCheck(
              id,
              commandId,
              rollout,
              device,
              causation,
              now,
              deadline,
              state.migrationSet(),
              state.targetVersion(),
              state.policy().requireReportedState(),
              state.policy().maxStateAgeSeconds(),
              state.policy().adoptExisting());
      case BACKUP -> new TakeBackup(id, commandId, rollout, device, causation, now, deadline);
      case MIGRATE ->
          new ApplyMigrations(
              id,
              commandId,
              rollout,
              device,
              causation,
              now,
              deadline,
              state.migrationSet(),
              state.targetVersion(),
              state.dryRun(),
              state.policy().lockWaitSeconds(),
              state.policy().maxStateAgeSeconds(),
              state.policy().adoptExisting(),
              // The verification rides along: the saga's next command, numbered after this one.
              state.dryRun() ? null : verify(saga, number + 1, causation, deadline));
      case VERIFY -> verify(saga, number, causation, deadline);
      case ROLLBACK ->
          new RollbackMigrations(
              id,
              commandId,
              rollout,
              device,
              causation,
              now,
              deadline,
              state.migrationSet(),
              saga.sourceVersion());
      case RESTORE ->
          new RestoreBackup(
              id,
              commandId,
              rollout,
              device,
              causation,
              now,
              deadline,
              saga.backup().backupId(),
              saga.backup().sha256());
    };
  }

  /** The verification of the device's migration, the {@code number}th command of its saga. */
  private VerifyMigration verify(
      DeviceSaga saga, int number, MessageId causation, Instant deadline) {
    CommandId commandId = commandId(saga, Step.VERIFY, number);
    return new VerifyMigration(
        MessageId.derivedFrom("command:" + commandId),
        commandId,
        state.rolloutId(),
        saga.deviceId(),
        causation,
        now,
        deadline,
        state.migrationSet(),
        state.targetVersion(),
        saga.backup() == null ? null : saga.backup().rowBaseline().orElse(null));
  }

  /**
   * The commands of an operator's restore: a safety check that needs no catalogue, a backup that
   * first finds and proves the backup to restore, and the restore of that backup, judged against
   * the fresh backup that keeps the database as it was.
   */
  private WorkerCommand restoreCommand(
      DeviceSaga saga,
      Step step,
      MessageId id,
      CommandId commandId,
      MessageId causation,
      Instant deadline) {
    var rollout = state.rolloutId();
    var device = saga.deviceId();
    return switch (step) {
      case SAFETY_CHECK ->
          RunSafetyCheck.beforeRestore(
              id,
              commandId,
              rollout,
              device,
              causation,
              now,
              deadline,
              state.policy().requireReportedState(),
              state.policy().maxStateAgeSeconds());
      case BACKUP ->
          new TakeBackup(id, commandId, rollout, device, causation, now, deadline, state.restore());
      case RESTORE ->
          new RestoreBackup(
              id,
              commandId,
              rollout,
              device,
              causation,
              now,
              deadline,
              saga.backup().toRestore().backupId(),
              saga.backup().toRestore().sha256(),
              saga.backup().backupId());
      case MIGRATE, VERIFY, ROLLBACK ->
          throw new IllegalStateException("a restore has no " + step.wireName() + " step");
    };
  }

  /** The id of the rollout's latest event: the cause of what a clock tick decides. */
  MessageId lastEventId() {
    return eventId(state.rolloutId(), state.lastSequence());
  }

  static MessageId eventId(RolloutId rolloutId, long sequence) {
    return MessageId.derivedFrom("event:" + rolloutId + "#" + sequence);
  }
}
