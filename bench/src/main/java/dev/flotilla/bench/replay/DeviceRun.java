package dev.flotilla.bench.replay;

import dev.flotilla.bench.replay.DeviceFate.Beat;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.ApplyMigrations;
import dev.flotilla.contracts.command.RestoreBackup;
import dev.flotilla.contracts.command.RollbackMigrations;
import dev.flotilla.contracts.command.RunSafetyCheck;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.command.TakeBackup;
import dev.flotilla.contracts.command.VerifyMigration;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.event.DeviceDeferred;
import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.event.StepCompleted;
import dev.flotilla.contracts.event.StepDispatched;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.reply.BackupCompleted;
import dev.flotilla.contracts.reply.Failure;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.contracts.reply.MigrationFailed;
import dev.flotilla.contracts.reply.MigrationsApplied;
import dev.flotilla.contracts.reply.Restored;
import dev.flotilla.contracts.reply.RolledBack;
import dev.flotilla.contracts.reply.SafetyCheckFailed;
import dev.flotilla.contracts.reply.SafetyCheckPassed;
import dev.flotilla.contracts.reply.SafetyReason;
import dev.flotilla.contracts.reply.VerificationFailed;
import dev.flotilla.contracts.reply.VerificationPassed;
import dev.flotilla.contracts.reply.WorkerReply;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

/**
 * One device's saga within a generated rollout, one event at a time: the commands the coordinator
 * dispatches (ids, causation and deadlines as its Decision builds them), the replies it records and
 * the device's end, each with the sequence and time the rollout gives it.
 */
final class DeviceRun {
  static final VersionId SOURCE = VersionId.of(2);
  static final VersionId TARGET = VersionId.of(5);
  private static final String SHA =
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  private static final int STEP_TIMEOUT_SECONDS = 300;

  private final RolloutId rollout;
  private final MigrationSetId set;
  private final DeviceId device;
  private final DeviceFate fate;
  private final long sizeBytes;
  private int beat;
  private int dispatches;
  private int deferrals;
  private WorkerCommand pending;
  private BackupId backup;
  private MessageId last;

  DeviceRun(
      RolloutId rollout,
      MigrationSetId set,
      DeviceId device,
      DeviceFate fate,
      long sizeBytes,
      MessageId started) {
    this.rollout = rollout;
    this.set = set;
    this.device = device;
    this.fate = fate;
    this.sizeBytes = sizeBytes;
    this.last = started;
  }

  boolean finished() {
    return beat == fate.beats().size();
  }

  DeviceOutcome outcome() {
    return switch (fate) {
      case DONE, DEFERRED_THEN_DONE -> DeviceOutcome.DONE;
      case SKIPPED -> DeviceOutcome.SKIPPED;
      case ROLLED_BACK, RESTORED -> DeviceOutcome.ROLLED_BACK;
    };
  }

  /** The device's next event, numbered {@code sequence} in its rollout. */
  RolloutEvent next(long sequence, Instant at) {
    Beat now = fate.beats().get(beat++);
    MessageId id = MessageId.derivedFrom("event:" + rollout + "#" + sequence);
    RolloutEvent event =
        switch (now) {
          case SAFETY_CHECK -> dispatch(id, sequence, at, Step.SAFETY_CHECK);
          case BACKUP -> dispatch(id, sequence, at, Step.BACKUP);
          case MIGRATE -> dispatch(id, sequence, at, Step.MIGRATE);
          case VERIFY -> dispatch(id, sequence, at, Step.VERIFY);
          case ROLLBACK -> dispatch(id, sequence, at, Step.ROLLBACK);
          case RESTORE -> dispatch(id, sequence, at, Step.RESTORE);
          case DEFERRED ->
              new DeviceDeferred(
                  id,
                  rollout,
                  sequence,
                  last,
                  at,
                  device,
                  List.of("vehicle-moving (the vehicle is moving)"),
                  ++deferrals,
                  at.plusSeconds(30));
          case FINISHED_DONE, FINISHED_SKIPPED, FINISHED_ROLLED_BACK -> finish(id, sequence, at);
          default -> {
            WorkerReply reply = reply(now, at);
            yield new StepCompleted(id, rollout, sequence, reply.messageId(), at, reply);
          }
        };
    last = event instanceof StepCompleted completed ? completed.reply().messageId() : id;
    return event;
  }

  private StepDispatched dispatch(MessageId id, long sequence, Instant at, Step step) {
    CommandId command =
        CommandId.of(rollout + "/" + device + "/" + step.wireName() + "/" + ++dispatches);
    MessageId commandId = MessageId.derivedFrom("command:" + command);
    Instant deadline = at.plusSeconds(STEP_TIMEOUT_SECONDS);
    pending =
        switch (step) {
          case SAFETY_CHECK ->
              new RunSafetyCheck(
                  commandId, command, rollout, device, last, at, deadline, set, TARGET, false, 300,
                  true);
          case BACKUP -> new TakeBackup(commandId, command, rollout, device, last, at, deadline);
          case MIGRATE ->
              new ApplyMigrations(
                  commandId, command, rollout, device, last, at, deadline, set, TARGET, false, 30,
                  300);
          case VERIFY ->
              new VerifyMigration(
                  commandId, command, rollout, device, last, at, deadline, set, TARGET);
          case ROLLBACK ->
              new RollbackMigrations(
                  commandId, command, rollout, device, last, at, deadline, set, SOURCE);
          case RESTORE ->
              new RestoreBackup(
                  commandId, command, rollout, device, last, at, deadline, backup, SHA);
        };
    return new StepDispatched(id, rollout, sequence, last, at, pending);
  }

  /** The worker's answer to the pending command, as it arrived on flotilla.replies. */
  private WorkerReply reply(Beat beat, Instant at) {
    MessageId id = MessageId.derivedFrom("reply:" + pending.commandId());
    CommandId command = pending.commandId();
    MessageId cause = pending.messageId();
    Instant when = at.minusMillis(3);
    return switch (beat) {
      case SAFE ->
          new SafetyCheckPassed(id, command, rollout, device, cause, when, SOURCE, sizeBytes);
      case UNSAFE_FOR_NOW ->
          new SafetyCheckFailed(
              id,
              command,
              rollout,
              device,
              cause,
              when,
              List.of(SafetyReason.transientReason("vehicle-moving", "the vehicle is moving")));
      case UNSAFE ->
          new SafetyCheckFailed(
              id,
              command,
              rollout,
              device,
              cause,
              when,
              List.of(
                  SafetyReason.permanent(
                      "schema-drift", "V2 checksum differs from the catalogue")));
      case BACKED_UP -> {
        backup = BackupId.of(device + "-" + Integer.toHexString(command.hashCode()));
        TreeMap<String, Long> rows = new TreeMap<>();
        rows.put("circuit_loads", sizeBytes / 64);
        rows.put("readings", sizeBytes / 48);
        rows.put("vehicles", 1L);
        yield new BackupCompleted(
            id, command, rollout, device, cause, when, backup, SHA, sizeBytes, SOURCE, rows);
      }
      case MIGRATED ->
          new MigrationsApplied(
              id,
              command,
              rollout,
              device,
              cause,
              when,
              SOURCE,
              TARGET,
              List.of(VersionId.of(3), VersionId.of(4), VersionId.of(5)),
              420,
              380L);
      case MIGRATION_FAILED ->
          new MigrationFailed(
              id,
              command,
              rollout,
              device,
              cause,
              when,
              SOURCE,
              VersionId.of(4),
              Failure.business("V4__usage.sql: UNIQUE constraint failed: usage.day"));
      case VERIFIED ->
          new VerificationPassed(id, command, rollout, device, cause, when, TARGET, SHA);
      case VERIFICATION_FAILED ->
          new VerificationFailed(
              id,
              command,
              rollout,
              device,
              cause,
              when,
              List.of("integrity_check: row 3 missing from index readings_by_day"),
              FailureKind.BUSINESS);
      case ROLLED_BACK -> new RolledBack(id, command, rollout, device, cause, when, SOURCE);
      case RESTORED -> new Restored(id, command, rollout, device, cause, when, backup, SOURCE);
      default -> throw new IllegalStateException(beat + " is not a reply");
    };
  }

  private DeviceFinished finish(MessageId id, long sequence, Instant at) {
    DeviceOutcome outcome = outcome();
    List<String> reasons =
        switch (outcome) {
          case SKIPPED ->
              List.of("safety-check: schema-drift (V2 checksum differs from the catalogue)");
          case ROLLED_BACK -> List.of("the migration failed and was undone");
          default -> List.of();
        };
    VersionId version = outcome == DeviceOutcome.DONE ? TARGET : SOURCE;
    return new DeviceFinished(
        id, rollout, sequence, last, at, device, outcome, version, backup, reasons);
  }
}
