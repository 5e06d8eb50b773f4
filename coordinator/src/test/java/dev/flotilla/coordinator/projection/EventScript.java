package dev.flotilla.coordinator.projection;

import dev.flotilla.contracts.codec.MessageTypes;
import dev.flotilla.contracts.command.ApplyMigrations;
import dev.flotilla.contracts.command.RestoreBackup;
import dev.flotilla.contracts.command.RollbackMigrations;
import dev.flotilla.contracts.command.RunSafetyCheck;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.command.TakeBackup;
import dev.flotilla.contracts.command.VerifyMigration;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.control.ControlCommand;
import dev.flotilla.contracts.event.ControlRefused;
import dev.flotilla.contracts.event.DeviceDeferred;
import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.RolloutAborted;
import dev.flotilla.contracts.event.RolloutAccepted;
import dev.flotilla.contracts.event.RolloutCounts;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.event.RolloutFinished;
import dev.flotilla.contracts.event.RolloutHalted;
import dev.flotilla.contracts.event.RolloutPaused;
import dev.flotilla.contracts.event.RolloutRejected;
import dev.flotilla.contracts.event.RolloutResumed;
import dev.flotilla.contracts.event.StepCompleted;
import dev.flotilla.contracts.event.StepDispatched;
import dev.flotilla.contracts.event.StepTimedOut;
import dev.flotilla.contracts.event.WaveApproved;
import dev.flotilla.contracts.event.WaveAwaitingApproval;
import dev.flotilla.contracts.event.WaveStarted;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.reply.BackupCompleted;
import dev.flotilla.contracts.reply.Failure;
import dev.flotilla.contracts.reply.MigrationFailed;
import dev.flotilla.contracts.reply.MigrationsApplied;
import dev.flotilla.contracts.reply.RolledBack;
import dev.flotilla.contracts.reply.SafetyCheckFailed;
import dev.flotilla.contracts.reply.SafetyCheckPassed;
import dev.flotilla.contracts.reply.SafetyReason;
import dev.flotilla.contracts.reply.VerificationPassed;
import dev.flotilla.contracts.reply.WorkerReply;
import dev.flotilla.contracts.request.OnThreshold;
import dev.flotilla.contracts.request.RolloutPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the events of one rollout the way the coordinator would: sequences 1, 2, 3…, a clock that
 * ticks a second per event, commands with the coordinator's ids and replies that answer them.
 */
public final class EventScript {
  public static final MigrationSetId SET = MigrationSetId.of("coachiq");
  public static final int TARGET = 5;
  private static final String SHA = "a".repeat(64);

  private final RolloutId rollout;
  private final List<RolloutEvent> events = new ArrayList<>();
  private final Map<String, Integer> dispatches = new HashMap<>();
  private final Map<String, WorkerCommand> lastCommand = new HashMap<>();
  private Instant clock;
  private MessageId lastCause = MessageId.random();

  public EventScript(String rolloutId, Instant start) {
    this.rollout = RolloutId.of(rolloutId);
    this.clock = start;
  }

  public List<RolloutEvent> events() {
    return List.copyOf(events);
  }

  public RolloutId rolloutId() {
    return rollout;
  }

  public EventScript accepted(RolloutPolicy policy, String... devices) {
    return add(
        (seq, id, at) ->
            new RolloutAccepted(
                id,
                rollout,
                seq,
                cause(),
                at,
                SET,
                TARGET,
                ids(devices),
                policy,
                "ops@example.com"));
  }

  public EventScript rejected(String... reasons) {
    return add(
        (seq, id, at) ->
            new RolloutRejected(
                id, rollout, seq, cause(), at, List.of(reasons), "ops@example.com"));
  }

  public EventScript waveStarted(int wave, String... devices) {
    return add((seq, id, at) -> new WaveStarted(id, rollout, seq, cause(), at, wave, ids(devices)));
  }

  public EventScript awaitingApproval(int wave) {
    return add((seq, id, at) -> new WaveAwaitingApproval(id, rollout, seq, cause(), at, wave));
  }

  public EventScript approved(int wave, String by) {
    return add((seq, id, at) -> new WaveApproved(id, rollout, seq, cause(), at, wave, by));
  }

  public EventScript paused(String by) {
    return add((seq, id, at) -> new RolloutPaused(id, rollout, seq, cause(), at, by));
  }

  public EventScript resumed(String by) {
    return add((seq, id, at) -> new RolloutResumed(id, rollout, seq, cause(), at, by));
  }

  public EventScript halted(double rate, double threshold, OnThreshold action) {
    return add(
        (seq, id, at) -> new RolloutHalted(id, rollout, seq, cause(), at, rate, threshold, action));
  }

  public EventScript aborted(String by) {
    return add(
        (seq, id, at) -> new RolloutAborted(id, rollout, seq, cause(), at, by, "aborted by " + by));
  }

  public EventScript refused(Class<? extends ControlCommand> command, String reason, String by) {
    return add(
        (seq, id, at) ->
            new ControlRefused(
                id, rollout, seq, cause(), at, MessageTypes.of(command).name(), reason, by));
  }

  public EventScript dispatched(String device, Step step) {
    int n = dispatches.merge(device + "/" + step, 1, Integer::sum);
    CommandId commandId = CommandId.of(rollout + "/" + device + "/" + step.wireName() + "/" + n);
    MessageId messageId = MessageId.derivedFrom("command:" + commandId);
    DeviceId d = DeviceId.of(device);
    Instant deadline = clock.plusSeconds(300);
    return add(
        (seq, id, at) -> {
          WorkerCommand command =
              switch (step) {
                case SAFETY_CHECK ->
                    new RunSafetyCheck(
                        messageId, commandId, rollout, d, id, at, deadline, SET, TARGET, false);
                case BACKUP -> new TakeBackup(messageId, commandId, rollout, d, id, at, deadline);
                case MIGRATE ->
                    new ApplyMigrations(
                        messageId, commandId, rollout, d, id, at, deadline, SET, TARGET, false);
                case VERIFY ->
                    new VerifyMigration(
                        messageId, commandId, rollout, d, id, at, deadline, SET, TARGET);
                case ROLLBACK ->
                    new RollbackMigrations(
                        messageId, commandId, rollout, d, id, at, deadline, SET, 2);
                case RESTORE ->
                    new RestoreBackup(
                        messageId,
                        commandId,
                        rollout,
                        d,
                        id,
                        at,
                        deadline,
                        BackupId.of("b-" + device),
                        SHA);
              };
          lastCommand.put(device, command);
          return new StepDispatched(id, rollout, seq, cause(), at, command);
        });
  }

  public EventScript safe(String device, int version) {
    return replied(
        device,
        (c, at) ->
            new SafetyCheckPassed(
                MessageId.random(),
                c.commandId(),
                rollout,
                c.deviceId(),
                c.messageId(),
                at,
                version,
                4096));
  }

  public EventScript unsafe(String device, String code) {
    return replied(
        device,
        (c, at) ->
            new SafetyCheckFailed(
                MessageId.random(),
                c.commandId(),
                rollout,
                c.deviceId(),
                c.messageId(),
                at,
                List.of(SafetyReason.transientReason(code, "the vehicle is " + code))));
  }

  public EventScript backedUp(String device, int version) {
    return replied(
        device,
        (c, at) ->
            new BackupCompleted(
                MessageId.random(),
                c.commandId(),
                rollout,
                c.deviceId(),
                c.messageId(),
                at,
                BackupId.of("b-" + device),
                SHA,
                4096,
                version));
  }

  public EventScript migrated(String device, int from, int to) {
    return replied(
        device,
        (c, at) ->
            new MigrationsApplied(
                MessageId.random(),
                c.commandId(),
                rollout,
                c.deviceId(),
                c.messageId(),
                at,
                from,
                to,
                List.of(to),
                12));
  }

  public EventScript migrationFailed(String device, int versionNow, String reason) {
    return replied(
        device,
        (c, at) ->
            new MigrationFailed(
                MessageId.random(),
                c.commandId(),
                rollout,
                c.deviceId(),
                c.messageId(),
                at,
                versionNow,
                versionNow + 1,
                Failure.business(reason)));
  }

  public EventScript verified(String device, int version) {
    return replied(
        device,
        (c, at) ->
            new VerificationPassed(
                MessageId.random(),
                c.commandId(),
                rollout,
                c.deviceId(),
                c.messageId(),
                at,
                version,
                "f".repeat(64)));
  }

  public EventScript rolledBack(String device, int version) {
    return replied(
        device,
        (c, at) ->
            new RolledBack(
                MessageId.random(),
                c.commandId(),
                rollout,
                c.deviceId(),
                c.messageId(),
                at,
                version));
  }

  public EventScript timedOut(String device) {
    WorkerCommand c = lastCommand.get(device);
    return add(
        (seq, id, at) ->
            new StepTimedOut(id, rollout, seq, cause(), at, c.deviceId(), c.step(), c.commandId()));
  }

  public EventScript deferred(String device, int attempt, String... reasons) {
    return add(
        (seq, id, at) ->
            new DeviceDeferred(
                id,
                rollout,
                seq,
                cause(),
                at,
                DeviceId.of(device),
                List.of(reasons),
                attempt,
                at.plusSeconds(30)));
  }

  public EventScript finished(
      String device, DeviceOutcome outcome, Integer version, String... reasons) {
    boolean backedUp = dispatches.containsKey(device + "/" + Step.BACKUP);
    return add(
        (seq, id, at) ->
            new DeviceFinished(
                id,
                rollout,
                seq,
                cause(),
                at,
                DeviceId.of(device),
                outcome,
                version,
                backedUp ? BackupId.of("b-" + device) : null,
                List.of(reasons)));
  }

  public EventScript rolloutFinished(RolloutCounts counts) {
    return add((seq, id, at) -> new RolloutFinished(id, rollout, seq, cause(), at, counts));
  }

  /** Safety check, backup, migrate from 2 to the target, verify, done. */
  public EventScript migratedAllTheWay(String device) {
    return dispatched(device, Step.SAFETY_CHECK)
        .safe(device, 2)
        .dispatched(device, Step.BACKUP)
        .backedUp(device, 2)
        .dispatched(device, Step.MIGRATE)
        .migrated(device, 2, TARGET)
        .dispatched(device, Step.VERIFY)
        .verified(device, TARGET)
        .finished(device, DeviceOutcome.DONE, TARGET);
  }

  @FunctionalInterface
  private interface EventMaker {
    RolloutEvent make(long sequence, MessageId id, Instant at);
  }

  @FunctionalInterface
  private interface ReplyMaker {
    WorkerReply make(WorkerCommand command, Instant at);
  }

  private EventScript replied(String device, ReplyMaker reply) {
    WorkerCommand command = lastCommand.get(device);
    WorkerReply answer = reply.make(command, clock.plusMillis(500));
    lastCause = answer.messageId();
    return add(
        (seq, id, at) -> new StepCompleted(id, rollout, seq, answer.messageId(), at, answer));
  }

  private EventScript add(EventMaker maker) {
    clock = clock.plusSeconds(1);
    RolloutEvent event = maker.make(events.size() + 1L, MessageId.random(), clock);
    events.add(event);
    return this;
  }

  private MessageId cause() {
    return lastCause;
  }

  private static List<DeviceId> ids(String... devices) {
    return Arrays.stream(devices).map(DeviceId::of).toList();
  }
}
