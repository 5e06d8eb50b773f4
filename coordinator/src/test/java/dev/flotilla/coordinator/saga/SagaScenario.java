package dev.flotilla.coordinator.saga;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.RestoreBackup;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.command.TakeBackup;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.control.AbortRollout;
import dev.flotilla.contracts.control.ApproveWave;
import dev.flotilla.contracts.control.PauseRollout;
import dev.flotilla.contracts.control.ResumeRollout;
import dev.flotilla.contracts.event.RolloutAccepted;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.event.StepDispatched;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.reply.BackupCompleted;
import dev.flotilla.contracts.reply.BackupFailed;
import dev.flotilla.contracts.reply.ChosenBackup;
import dev.flotilla.contracts.reply.Failure;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.contracts.reply.MigrationFailed;
import dev.flotilla.contracts.reply.MigrationsApplied;
import dev.flotilla.contracts.reply.RestoreFailed;
import dev.flotilla.contracts.reply.Restored;
import dev.flotilla.contracts.reply.RollbackFailed;
import dev.flotilla.contracts.reply.RolledBack;
import dev.flotilla.contracts.reply.SafetyCheckFailed;
import dev.flotilla.contracts.reply.SafetyCheckPassed;
import dev.flotilla.contracts.reply.SafetyReason;
import dev.flotilla.contracts.reply.VerificationFailed;
import dev.flotilla.contracts.reply.VerificationPassed;
import dev.flotilla.contracts.reply.WorkerReply;
import dev.flotilla.contracts.request.RestorePolicy;
import dev.flotilla.contracts.request.RestoreRequest;
import dev.flotilla.contracts.request.RolloutPolicy;
import dev.flotilla.contracts.request.Selector;
import dev.flotilla.contracts.request.UpdateRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Given events, when an input, then events: drives {@link RolloutDecider} the way the coordinator
 * does, keeping the log so tests can replay it.
 */
public final class SagaScenario {
  public static final RolloutId ROLLOUT = RolloutId.of("r-test");
  public static final MigrationSetId SET = MigrationSetId.of("coachiq");
  public static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  public static final String SHA = "a".repeat(64);

  public final List<RolloutEvent> log = new ArrayList<>();
  public RolloutState state;
  public Instant now;
  private int replies;
  private int controls;

  public SagaScenario() {
    this(ROLLOUT, T0);
  }

  /** A scenario of its own rollout from {@code start}, so that several can share one log. */
  public SagaScenario(RolloutId rollout, Instant start) {
    this.state = RolloutState.initial(rollout);
    this.now = start;
  }

  public static FleetSnapshot fleet(String... devices) {
    return new FleetSnapshot(
        catalogue(5),
        Arrays.stream(devices).collect(Collectors.toMap(DeviceId::of, d -> List.of("west"))),
        Map.of());
  }

  /** A catalogue holding V1..V{@code versions} of {@link #SET}. */
  public static Catalogue catalogue(int versions) {
    Catalogue catalogue = new Catalogue();
    for (int version = 1; version <= versions; version++) {
      catalogue.add(
          new MigrationScript(
              MessageId.random(),
              T0,
              SET,
              VersionId.of(version),
              ScriptKind.MIGRATE,
              "v" + version,
              "SELECT " + version + ";",
              "0".repeat(63) + version,
              true));
    }
    return catalogue;
  }

  public static UpdateRequest request(int maxInFlight, String... devices) {
    return request(
        RolloutPolicy.DEFAULT.withMaxInFlight(maxInFlight).withStepTimeoutSeconds(60), devices);
  }

  public static UpdateRequest request(RolloutPolicy policy, String... devices) {
    return request(ROLLOUT, policy, devices);
  }

  public static UpdateRequest request(RolloutId rollout, RolloutPolicy policy, String... devices) {
    return new UpdateRequest(
        rollout,
        SET,
        VersionId.of(5),
        Selector.devices(Arrays.stream(devices).map(DeviceId::of).toList()),
        policy,
        "ops@example.com",
        MessageId.derivedFrom("request"),
        T0);
  }

  /**
   * Decides, appends the events to the log and evolves the state; returns the new events. An
   * accepted request is then admitted, as its own coordinator does: the events include its start.
   */
  public List<RolloutEvent> when(RolloutInput input) {
    List<RolloutEvent> events = new ArrayList<>(decideAndEvolve(input));
    if (input instanceof RolloutInput.Requested) {
      for (RolloutAccepted accepted : ofType(List.copyOf(events), RolloutAccepted.class)) {
        events.addAll(decideAndEvolve(new RolloutInput.Admitted(accepted)));
      }
    }
    return events;
  }

  private List<RolloutEvent> decideAndEvolve(RolloutInput input) {
    List<RolloutEvent> events = RolloutDecider.decide(input, state, now);
    for (RolloutEvent event : events) {
      state = RolloutDecider.evolve(state, event);
    }
    log.addAll(events);
    return events;
  }

  public List<RolloutEvent> start(int maxInFlight, String... devices) {
    return start(
        RolloutPolicy.DEFAULT.withMaxInFlight(maxInFlight).withStepTimeoutSeconds(60), devices);
  }

  public List<RolloutEvent> start(RolloutPolicy policy, String... devices) {
    return when(
        new RolloutInput.Requested(request(state.rolloutId(), policy, devices), fleet(devices)));
  }

  /** A request for devices the inventory does not know: rejected, with that reason. */
  public List<RolloutEvent> requestUnknown(String... devices) {
    return when(
        new RolloutInput.Requested(
            request(state.rolloutId(), RolloutPolicy.DEFAULT, devices), fleet()));
  }

  /** Time passes, with nothing to decide. */
  public void later(java.time.Duration time) {
    now = now.plus(time);
  }

  public List<RolloutEvent> pause(String by) {
    return control(new PauseRollout(state.rolloutId(), by, controlId(), now));
  }

  public List<RolloutEvent> resume(String by) {
    return control(new ResumeRollout(state.rolloutId(), by, controlId(), now));
  }

  public List<RolloutEvent> abort(String by) {
    return control(new AbortRollout(state.rolloutId(), by, controlId(), now));
  }

  public List<RolloutEvent> approve(int wave, String by) {
    return control(new ApproveWave(state.rolloutId(), wave, by, controlId(), now));
  }

  private MessageId controlId() {
    return MessageId.derivedFrom(state.rolloutId() + "/control-" + ++controls);
  }

  public static String[] devices(int count) {
    return java.util.stream.IntStream.rangeClosed(1, count)
        .mapToObj(i -> String.format("rv-%02d", i))
        .toArray(String[]::new);
  }

  public List<RolloutEvent> control(dev.flotilla.contracts.control.ControlCommand command) {
    return when(new RolloutInput.Controlled(command));
  }

  public List<RolloutEvent> tickAt(Instant at) {
    now = at;
    return when(new RolloutInput.Ticked());
  }

  /** The devices with a command awaiting its reply. */
  public List<String> busyDevices() {
    return state.devices().stream()
        .filter(d -> state.sagas().get(d).pending() != null)
        .map(DeviceId::value)
        .toList();
  }

  public static <T> List<T> ofType(List<RolloutEvent> events, Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  public WorkerCommand pending(String device) {
    WorkerCommand command = state.sagas().get(DeviceId.of(device)).pending();
    assertThat(command).as("pending command of " + device).isNotNull();
    return command;
  }

  public List<RolloutEvent> reply(String device, ReplyMaker maker) {
    return when(new RolloutInput.Replied(maker.make(pending(device), ++replies)));
  }

  /** Replies with success to every step until the device ends. */
  public void succeed(String device) {
    while (state.sagas().get(DeviceId.of(device)).pending() != null) {
      reply(device, SagaScenario::success);
    }
  }

  @FunctionalInterface
  public interface ReplyMaker {
    WorkerReply make(WorkerCommand command, int n);
  }

  public static MessageId replyId(int n) {
    return MessageId.derivedFrom("reply-" + n);
  }

  public static WorkerReply success(WorkerCommand c, int n) {
    var id = replyId(n);
    return switch (c.step()) {
      case SAFETY_CHECK ->
          new SafetyCheckPassed(
              id,
              c.commandId(),
              c.rolloutId(),
              c.deviceId(),
              c.messageId(),
              T0,
              VersionId.of(2),
              4096);
      case BACKUP ->
          new BackupCompleted(
              id,
              c.commandId(),
              c.rolloutId(),
              c.deviceId(),
              c.messageId(),
              T0,
              BackupId.of(c.deviceId() + "-b1"),
              SHA,
              4096,
              VersionId.of(2),
              ROWS,
              chosenFor((TakeBackup) c));
      case MIGRATE ->
          new MigrationsApplied(
              id,
              c.commandId(),
              c.rolloutId(),
              c.deviceId(),
              c.messageId(),
              T0,
              VersionId.of(2),
              VersionId.of(5),
              List.of(VersionId.of(3), VersionId.of(4), VersionId.of(5)),
              12);
      case VERIFY ->
          new VerificationPassed(
              id,
              c.commandId(),
              c.rolloutId(),
              c.deviceId(),
              c.messageId(),
              T0,
              VersionId.of(5),
              SHA);
      case ROLLBACK ->
          new RolledBack(
              id, c.commandId(), c.rolloutId(), c.deviceId(), c.messageId(), T0, VersionId.of(2));
      case RESTORE ->
          new Restored(
              id,
              c.commandId(),
              c.rolloutId(),
              c.deviceId(),
              c.messageId(),
              T0,
              ((RestoreBackup) c).backupId(),
              ((RestoreBackup) c).replacedStateBackupId() == null
                  ? VersionId.of(2)
                  : RESTORED_VERSION,
              ((RestoreBackup) c).replacedStateBackupId());
    };
  }

  /** The version every backup an operator's restore finds holds. */
  public static final VersionId RESTORED_VERSION = VersionId.of(1);

  /** When every backup an operator's restore finds was taken. */
  public static final Instant YESTERDAY = T0.minus(java.time.Duration.ofDays(1));

  /**
   * The backup the worker finds for an operator's restore: the one named, else the device's {@code
   * -b0}; none before a migration.
   */
  public static ChosenBackup chosenFor(TakeBackup command) {
    if (command.toRestore() == null) {
      return null;
    }
    BackupId id =
        command.toRestore().backupId() == null
            ? BackupId.of(command.deviceId() + "-b0")
            : command.toRestore().backupId();
    return new ChosenBackup(id, "b".repeat(64), RESTORED_VERSION, YESTERDAY);
  }

  /** An operator's restore of {@code device}, from {@code backup} (null: the newest). */
  public static RestoreRequest restoreRequest(RolloutId rollout, String device, String backup) {
    return new RestoreRequest(
        rollout,
        DeviceId.of(device),
        backup == null ? null : BackupId.of(backup),
        new RestorePolicy(60, null, null, null, null),
        "ops@example.com",
        MessageId.derivedFrom("restore-request"),
        T0);
  }

  /** Requests an operator's restore of {@code device}, which the inventory knows. */
  public List<RolloutEvent> startRestore(String device, String backup) {
    return when(
        new RolloutInput.Requested(
            restoreRequest(state.rolloutId(), device, backup), fleet(device)));
  }

  /** A safety check refused for transient reasons only: the vehicle is moving. */
  public static WorkerReply moving(WorkerCommand c, int n) {
    return new SafetyCheckFailed(
        replyId(n),
        c.commandId(),
        c.rolloutId(),
        c.deviceId(),
        c.messageId(),
        T0,
        List.of(SafetyReason.transientReason("vehicle-moving", "the vehicle is moving")));
  }

  public static WorkerReply rehearsed(WorkerCommand c, int n) {
    return new dev.flotilla.contracts.reply.MigrationRehearsed(
        replyId(n),
        c.commandId(),
        c.rolloutId(),
        c.deviceId(),
        c.messageId(),
        T0,
        VersionId.of(2),
        VersionId.of(5),
        40,
        4096,
        5120,
        9216);
  }

  /** What every scenario device's backup holds. */
  public static final java.util.SortedMap<String, Long> ROWS =
      new java.util.TreeMap<>(java.util.Map.of("conversations", 40L, "messages", 1200L));

  /** A migration that never got the write lock: the application held it past the wait. */
  public static WorkerReply busy(WorkerCommand c, int n) {
    return new MigrationFailed(
        replyId(n),
        c.commandId(),
        c.rolloutId(),
        c.deviceId(),
        c.messageId(),
        T0,
        VersionId.of(2),
        null,
        new Failure(
            FailureKind.INFRASTRUCTURE,
            "the application held the write lock for 30 s",
            Failure.DATABASE_BUSY));
  }

  /** A step that could not do its work for reasons of its surroundings (an I/O error). */
  public static WorkerReply ioFailure(WorkerCommand c, int n) {
    var id = replyId(n);
    Failure io = Failure.infrastructure("io: disk I/O error");
    return switch (c.step()) {
      case BACKUP ->
          new BackupFailed(id, c.commandId(), c.rolloutId(), c.deviceId(), c.messageId(), T0, io);
      case VERIFY ->
          new VerificationFailed(
              id,
              c.commandId(),
              c.rolloutId(),
              c.deviceId(),
              c.messageId(),
              T0,
              List.of("verification could not run: disk I/O error"),
              FailureKind.INFRASTRUCTURE);
      case RESTORE ->
          new RestoreFailed(
              id,
              c.commandId(),
              c.rolloutId(),
              c.deviceId(),
              c.messageId(),
              T0,
              BackupId.of(c.deviceId() + "-b1"),
              io);
      default -> throw new IllegalArgumentException("no I/O failure for " + c.step());
    };
  }

  /** A backup that could not read: the application held its lock past the wait. */
  public static WorkerReply busyBackup(WorkerCommand c, int n) {
    return new BackupFailed(
        replyId(n),
        c.commandId(),
        c.rolloutId(),
        c.deviceId(),
        c.messageId(),
        T0,
        new Failure(
            FailureKind.INFRASTRUCTURE,
            "database-busy: database is locked",
            Failure.DATABASE_BUSY));
  }

  /** A migration that failed after a no-transaction script committed: only a restore undoes it. */
  public static WorkerReply committedFailure(WorkerCommand c, int n) {
    return new MigrationFailed(
        replyId(n),
        c.commandId(),
        c.rolloutId(),
        c.deviceId(),
        c.messageId(),
        T0,
        VersionId.of(2),
        VersionId.of(3),
        Failure.business("V3 would lose rows that no script declared: messages: 1200 rows → 0"),
        true);
  }

  public static WorkerReply failure(WorkerCommand c, int n) {
    var id = replyId(n);
    var business = Failure.business(c.step().wireName() + " broke");
    return switch (c.step()) {
      case SAFETY_CHECK ->
          new SafetyCheckFailed(
              id,
              c.commandId(),
              c.rolloutId(),
              c.deviceId(),
              c.messageId(),
              T0,
              List.of(
                  SafetyReason.permanent("corrupt-database", "quick_check failed"),
                  SafetyReason.transientReason("vehicle-moving", "driving")));
      case BACKUP ->
          new BackupFailed(
              id,
              c.commandId(),
              c.rolloutId(),
              c.deviceId(),
              c.messageId(),
              T0,
              Failure.business("backup-unsound: the test restore failed its checks"));
      case MIGRATE ->
          new MigrationFailed(
              id,
              c.commandId(),
              c.rolloutId(),
              c.deviceId(),
              c.messageId(),
              T0,
              VersionId.of(2),
              VersionId.of(4),
              business);
      case VERIFY ->
          new VerificationFailed(
              id,
              c.commandId(),
              c.rolloutId(),
              c.deviceId(),
              c.messageId(),
              T0,
              List.of("fingerprint differs"),
              FailureKind.BUSINESS);
      case ROLLBACK ->
          new RollbackFailed(
              id, c.commandId(), c.rolloutId(), c.deviceId(), c.messageId(), T0, business);
      case RESTORE ->
          new RestoreFailed(
              id,
              c.commandId(),
              c.rolloutId(),
              c.deviceId(),
              c.messageId(),
              T0,
              BackupId.of(c.deviceId() + "-b1"),
              business);
    };
  }

  public static List<Step> dispatchedSteps(List<RolloutEvent> events) {
    return events.stream()
        .filter(StepDispatched.class::isInstance)
        .map(e -> ((StepDispatched) e).command().step())
        .toList();
  }

  public static List<Class<?>> types(List<RolloutEvent> events) {
    return events.stream().<Class<?>>map(Object::getClass).toList();
  }
}
