package dev.flotilla.contracts.codec;

import dev.flotilla.contracts.Message;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.ApplyMigrations;
import dev.flotilla.contracts.command.RestoreBackup;
import dev.flotilla.contracts.command.RollbackMigrations;
import dev.flotilla.contracts.command.RunSafetyCheck;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.command.TakeBackup;
import dev.flotilla.contracts.command.VerifyMigration;
import dev.flotilla.contracts.control.AbortRollout;
import dev.flotilla.contracts.control.ApproveWave;
import dev.flotilla.contracts.control.PauseRollout;
import dev.flotilla.contracts.control.RejectRequest;
import dev.flotilla.contracts.control.ResumeRollout;
import dev.flotilla.contracts.control.RolloutAdmitted;
import dev.flotilla.contracts.device.DeviceConditions;
import dev.flotilla.contracts.device.DeviceInventoryReport;
import dev.flotilla.contracts.device.DeviceReport;
import dev.flotilla.contracts.device.DeviceStateReport;
import dev.flotilla.contracts.device.RowBaseline;
import dev.flotilla.contracts.event.ControlRefused;
import dev.flotilla.contracts.event.DeviceDeferred;
import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.RolloutAborted;
import dev.flotilla.contracts.event.RolloutAccepted;
import dev.flotilla.contracts.event.RolloutCounts;
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
import dev.flotilla.contracts.reply.BackupFailed;
import dev.flotilla.contracts.reply.ChosenBackup;
import dev.flotilla.contracts.reply.Failure;
import dev.flotilla.contracts.reply.MigrationFailed;
import dev.flotilla.contracts.reply.MigrationRehearsed;
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
import dev.flotilla.contracts.request.Approval;
import dev.flotilla.contracts.request.BackupChoice;
import dev.flotilla.contracts.request.OnThreshold;
import dev.flotilla.contracts.request.RestorePolicy;
import dev.flotilla.contracts.request.RestoreRequest;
import dev.flotilla.contracts.request.RolloutPolicy;
import dev.flotilla.contracts.request.Selector;
import dev.flotilla.contracts.request.UpdateRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One fixed, fully populated example of every message type: the subjects of the golden files, and
 * what other modules' tests use where any valid message of a type will do.
 */
public final class Samples {
  private Samples() {}

  public static final Instant AT = Instant.parse("2026-11-22T10:15:30Z");
  public static final Instant OBSERVED = Instant.parse("2026-11-22T10:15:28.250Z");
  public static final Instant DEADLINE = Instant.parse("2026-11-22T10:20:30Z");
  public static final RolloutId ROLLOUT = RolloutId.of("r-2026-11-22-a");
  public static final DeviceId DEVICE = DeviceId.of("rv-0001");
  public static final MigrationSetId SET = MigrationSetId.of("coachiq");
  public static final CommandId COMMAND = CommandId.of("r-2026-11-22-a/rv-0001/migrate/1");
  public static final BackupId BACKUP = BackupId.of("rv-0001-3f2a9c1b");

  public static final String SHA =
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  /** The backup an operator's restore took of the database it replaced. */
  public static final BackupId FRESH_BACKUP = BackupId.of("rv-0001-77e0c41d9a2b");

  /** The backup an operator's restore puts back, as the backup worker found it. */
  public static final ChosenBackup CHOSEN =
      new ChosenBackup(BACKUP, SHA, VersionId.of(2), Instant.parse("2026-11-21T08:00:00Z"));

  /** What a forced push replaced. */
  public static final String OTHER_SHA =
      "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";

  private static MessageId id(int n) {
    return MessageId.of(String.format("00000000-0000-4000-8000-%012d", n));
  }

  public static final RolloutPolicy POLICY =
      new RolloutPolicy(
          List.of(1, 10, 50, 100),
          50,
          0.05,
          OnThreshold.HALT,
          Approval.BETWEEN_WAVES,
          false,
          300,
          false,
          30,
          3600);

  public static final ApplyMigrations MIGRATE =
      new ApplyMigrations(
          id(10), COMMAND, ROLLOUT, DEVICE, id(9), AT, DEADLINE, SET, VersionId.of(5), false);

  public static final MigrationsApplied APPLIED =
      new MigrationsApplied(
          id(20),
          COMMAND,
          ROLLOUT,
          DEVICE,
          id(10),
          AT,
          VersionId.of(2),
          VersionId.of(5),
          List.of(VersionId.of(3), VersionId.of(4), VersionId.of(5)),
          42);

  public static final RowBaseline BASELINE =
      new RowBaseline(VersionId.of(2), new TreeMap<>(Map.of("parts", 120L, "vehicles", 3L)));

  /** The verification a migration carries to its worker (the saga's next command). */
  public static final VerifyMigration CARRIED_VERIFY =
      new VerifyMigration(
          id(11),
          CommandId.of("r-2026-11-22-a/rv-0001/verify/2"),
          ROLLOUT,
          DEVICE,
          id(9),
          AT,
          DEADLINE,
          SET,
          VersionId.of(5),
          BASELINE);

  /**
   * The schema 1 form of each type whose schema grew: what a schema 1 golden file decodes to.
   * Messages written before an upgrade stay readable from the log.
   */
  public static final Map<Class<? extends Message>, Message> SCHEMA_1 =
      Map.ofEntries(
          sample(new StepDispatched(id(32), ROLLOUT, 2, id(30), AT, MIGRATE)),
          sample(
              new DeviceDeferred(
                  id(47),
                  ROLLOUT,
                  16,
                  id(15),
                  AT,
                  DEVICE,
                  List.of("vehicle-moving (the vehicle is moving)"),
                  1,
                  DEADLINE)),
          sample(
              new UpdateRequest(
                  ROLLOUT,
                  SET,
                  VersionId.of(5),
                  Selector.devices(List.of(DEVICE, DeviceId.of("rv-0002"))),
                  POLICY,
                  "ops@example.com",
                  id(1),
                  AT)),
          sample(
              new RolloutAccepted(
                  id(30),
                  ROLLOUT,
                  1,
                  id(1),
                  AT,
                  SET,
                  VersionId.of(5),
                  List.of(DEVICE),
                  POLICY,
                  "ops@example.com")),
          sample(
              new RunSafetyCheck(
                  id(6),
                  COMMAND,
                  ROLLOUT,
                  DEVICE,
                  id(9),
                  AT,
                  DEADLINE,
                  SET,
                  VersionId.of(5),
                  true)),
          sample(
              new SafetyCheckPassed(
                  id(14), COMMAND, ROLLOUT, DEVICE, id(6), AT, VersionId.of(2), 81920)),
          sample(MIGRATE),
          sample(APPLIED),
          sample(
              new VerifyMigration(
                  id(11), COMMAND, ROLLOUT, DEVICE, id(9), AT, DEADLINE, SET, VersionId.of(5))),
          sample(
              new BackupCompleted(
                  id(16),
                  COMMAND,
                  ROLLOUT,
                  DEVICE,
                  id(7),
                  AT,
                  BACKUP,
                  SHA,
                  81920,
                  VersionId.of(2))),
          sample(
              new MigrationFailed(
                  id(21),
                  COMMAND,
                  ROLLOUT,
                  DEVICE,
                  id(10),
                  AT,
                  VersionId.of(2),
                  VersionId.of(4),
                  Failure.business("V4__unique_serials.sql: UNIQUE constraint failed"))),
          sample(
              new MigrationScript(
                  id(40),
                  AT,
                  SET,
                  VersionId.of(3),
                  ScriptKind.MIGRATE,
                  "add usage snapshots",
                  "CREATE TABLE usage_snapshots (id INTEGER PRIMARY KEY);\n",
                  SHA,
                  true)),
          sample(new TakeBackup(id(7), COMMAND, ROLLOUT, DEVICE, id(9), AT, DEADLINE)),
          sample(
              new RestoreBackup(
                  id(13), COMMAND, ROLLOUT, DEVICE, id(9), AT, DEADLINE, BACKUP, SHA)),
          sample(
              new Restored(id(26), COMMAND, ROLLOUT, DEVICE, id(13), AT, BACKUP, VersionId.of(2))));

  /** The schema 2 form of each type past schema 2: what a schema 2 golden file decodes to. */
  public static final Map<Class<? extends Message>, Message> SCHEMA_2 =
      Map.ofEntries(
          sample(
              new BackupCompleted(
                  id(16),
                  COMMAND,
                  ROLLOUT,
                  DEVICE,
                  id(7),
                  AT,
                  BACKUP,
                  SHA,
                  81920,
                  VersionId.of(2),
                  BASELINE.tableRowCounts())),
          sample(
              new MigrationsApplied(
                  id(20),
                  COMMAND,
                  ROLLOUT,
                  DEVICE,
                  id(10),
                  AT,
                  VersionId.of(2),
                  VersionId.of(5),
                  List.of(VersionId.of(3), VersionId.of(4), VersionId.of(5)),
                  42,
                  17L)),
          sample(
              new UpdateRequest(
                  ROLLOUT,
                  SET,
                  VersionId.of(5),
                  Selector.devices(List.of(DEVICE, DeviceId.of("rv-0002"))),
                  POLICY.withLockWaitSeconds(45),
                  "ops@example.com",
                  id(1),
                  AT)),
          sample(
              new RolloutAccepted(
                  id(30),
                  ROLLOUT,
                  1,
                  id(1),
                  AT,
                  SET,
                  VersionId.of(5),
                  List.of(DEVICE),
                  POLICY.withLockWaitSeconds(45),
                  "ops@example.com")),
          sample(
              new ApplyMigrations(
                  id(10),
                  COMMAND,
                  ROLLOUT,
                  DEVICE,
                  id(9),
                  AT,
                  DEADLINE,
                  SET,
                  VersionId.of(5),
                  false,
                  30)),
          sample(
              new MigrationScript(
                  id(40),
                  AT,
                  SET,
                  VersionId.of(3),
                  ScriptKind.MIGRATE,
                  "add usage snapshots",
                  "CREATE TABLE usage_snapshots (id INTEGER PRIMARY KEY);\n",
                  SHA,
                  true,
                  List.of("usage_snapshots_old"))),
          sample(
              new RunSafetyCheck(
                  id(6),
                  COMMAND,
                  ROLLOUT,
                  DEVICE,
                  id(9),
                  AT,
                  DEADLINE,
                  SET,
                  VersionId.of(5),
                  true,
                  120)));

  /** The schema 3 form of each type past schema 3: what a schema 3 golden file decodes to. */
  public static final Map<Class<? extends Message>, Message> SCHEMA_3 =
      Map.ofEntries(
          sample(
              new RunSafetyCheck(
                  id(6),
                  COMMAND,
                  ROLLOUT,
                  DEVICE,
                  id(9),
                  AT,
                  DEADLINE,
                  SET,
                  VersionId.of(5),
                  true,
                  120,
                  false)),
          sample(
              new UpdateRequest(
                  ROLLOUT,
                  SET,
                  VersionId.of(5),
                  Selector.devices(List.of(DEVICE, DeviceId.of("rv-0002"))),
                  POLICY.withLockWaitSeconds(45).withMaxStateAgeSeconds(120),
                  "ops@example.com",
                  id(1),
                  AT)),
          sample(
              new RolloutAccepted(
                  id(30),
                  ROLLOUT,
                  1,
                  id(1),
                  AT,
                  SET,
                  VersionId.of(5),
                  List.of(DEVICE),
                  POLICY.withLockWaitSeconds(45).withMaxStateAgeSeconds(120),
                  "ops@example.com")),
          sample(
              new ApplyMigrations(
                  id(10),
                  COMMAND,
                  ROLLOUT,
                  DEVICE,
                  id(9),
                  AT,
                  DEADLINE,
                  SET,
                  VersionId.of(5),
                  false,
                  30,
                  120)));

  /** The schema 4 form of each type at schema 5: what a schema 4 golden file decodes to. */
  public static final Map<Class<? extends Message>, Message> SCHEMA_4 =
      Map.ofEntries(
          sample(
              new ApplyMigrations(
                  id(10),
                  COMMAND,
                  ROLLOUT,
                  DEVICE,
                  id(9),
                  AT,
                  DEADLINE,
                  SET,
                  VersionId.of(5),
                  false,
                  30,
                  120,
                  false)),
          sample(
              new RolloutAccepted(
                  id(30),
                  ROLLOUT,
                  1,
                  id(1),
                  AT,
                  SET,
                  VersionId.of(5),
                  List.of(DEVICE),
                  POLICY
                      .withLockWaitSeconds(45)
                      .withMaxStateAgeSeconds(120)
                      .withAdoptExisting(false),
                  "ops@example.com")));

  /** The older forms of every type whose schema grew, by schema: each golden folder's subjects. */
  public static final Map<Integer, Map<Class<? extends Message>, Message>> OLDER =
      Map.of(1, SCHEMA_1, 2, SCHEMA_2, 3, SCHEMA_3, 4, SCHEMA_4);

  public static final Map<Class<? extends Message>, Message> ALL =
      Map.ofEntries(
          sample(
              new UpdateRequest(
                  ROLLOUT,
                  SET,
                  VersionId.of(5),
                  Selector.devices(List.of(DEVICE, DeviceId.of("rv-0002"))),
                  POLICY
                      .withLockWaitSeconds(45)
                      .withMaxStateAgeSeconds(120)
                      .withAdoptExisting(false),
                  "ops@example.com",
                  id(1),
                  AT)),
          sample(
              new RestoreRequest(
                  RolloutId.of("restore-rv-0001-20261122-101530"),
                  DEVICE,
                  BACKUP,
                  new RestorePolicy(120, true, 15, 1800, 60),
                  "ops@example.com",
                  id(50),
                  AT)),
          sample(new PauseRollout(ROLLOUT, "ops@example.com", id(2), AT)),
          sample(new ResumeRollout(ROLLOUT, "ops@example.com", id(3), AT)),
          sample(new AbortRollout(ROLLOUT, "ops@example.com", id(4), AT)),
          sample(new ApproveWave(ROLLOUT, 2, "ops@example.com", id(5), AT)),
          sample(
              new RejectRequest(
                  ROLLOUT,
                  List.of("policy.maxInFlite: is not a field of RolloutPolicy"),
                  "ops@example.com",
                  id(60),
                  AT)),
          sample(
              new RolloutAdmitted(
                  new RolloutAccepted(
                      id(30),
                      ROLLOUT,
                      1,
                      id(1),
                      AT,
                      SET,
                      VersionId.of(5),
                      List.of(DEVICE),
                      POLICY,
                      "ops@example.com"),
                  id(61),
                  AT)),
          sample(
              RunSafetyCheck.beforeRestore(
                  id(6), COMMAND, ROLLOUT, DEVICE, id(9), AT, DEADLINE, true, 120)),
          sample(
              new TakeBackup(
                  id(7),
                  COMMAND,
                  ROLLOUT,
                  DEVICE,
                  id(9),
                  AT,
                  DEADLINE,
                  new BackupChoice(null, AT.minusSeconds(2)))),
          sample(
              new ApplyMigrations(
                  id(10),
                  COMMAND,
                  ROLLOUT,
                  DEVICE,
                  id(9),
                  AT,
                  DEADLINE,
                  SET,
                  VersionId.of(5),
                  false,
                  30,
                  120,
                  false,
                  CARRIED_VERIFY)),
          sample(
              new VerifyMigration(
                  id(11),
                  COMMAND,
                  ROLLOUT,
                  DEVICE,
                  id(9),
                  AT,
                  DEADLINE,
                  SET,
                  VersionId.of(5),
                  BASELINE)),
          sample(
              new RollbackMigrations(
                  id(12), COMMAND, ROLLOUT, DEVICE, id(9), AT, DEADLINE, SET, VersionId.of(2))),
          sample(
              new RestoreBackup(
                  id(13),
                  COMMAND,
                  ROLLOUT,
                  DEVICE,
                  id(9),
                  AT,
                  DEADLINE,
                  BACKUP,
                  SHA,
                  FRESH_BACKUP)),
          sample(
              new SafetyCheckPassed(
                  id(14),
                  COMMAND,
                  ROLLOUT,
                  DEVICE,
                  id(6),
                  AT,
                  VersionId.of(2),
                  81920,
                  VersionId.of(2),
                  "schema matches V2 of set coachiq; flyway_schema_history says 2")),
          sample(
              new SafetyCheckFailed(
                  id(15),
                  COMMAND,
                  ROLLOUT,
                  DEVICE,
                  id(6),
                  AT,
                  List.of(
                      SafetyReason.transientReason("vehicle-moving", "the vehicle is moving"),
                      SafetyReason.permanent(
                          "schema-drift", "V2 checksum differs from the catalogue")))),
          sample(
              new BackupCompleted(
                  id(16),
                  COMMAND,
                  ROLLOUT,
                  DEVICE,
                  id(7),
                  AT,
                  BACKUP,
                  SHA,
                  81920,
                  VersionId.of(2),
                  BASELINE.tableRowCounts(),
                  CHOSEN)),
          sample(
              new BackupFailed(
                  id(17),
                  COMMAND,
                  ROLLOUT,
                  DEVICE,
                  id(7),
                  AT,
                  Failure.infrastructure("low-disk: 1 MB free, 160 KB needed"))),
          sample(
              new MigrationsApplied(
                  id(20),
                  COMMAND,
                  ROLLOUT,
                  DEVICE,
                  id(10),
                  AT,
                  VersionId.of(2),
                  VersionId.of(5),
                  List.of(VersionId.of(3), VersionId.of(4), VersionId.of(5)),
                  42,
                  17L,
                  List.of())),
          sample(
              new MigrationFailed(
                  id(21),
                  COMMAND,
                  ROLLOUT,
                  DEVICE,
                  id(10),
                  AT,
                  VersionId.of(2),
                  VersionId.of(4),
                  Failure.business("V4__unique_serials.sql: UNIQUE constraint failed"),
                  false)),
          sample(
              new VerificationPassed(
                  id(22), COMMAND, ROLLOUT, DEVICE, id(11), AT, VersionId.of(5), SHA)),
          sample(
              new VerificationFailed(
                  id(23),
                  COMMAND,
                  ROLLOUT,
                  DEVICE,
                  id(11),
                  AT,
                  List.of("integrity_check: row 3 missing from index"),
                  dev.flotilla.contracts.reply.FailureKind.BUSINESS)),
          sample(new RolledBack(id(24), COMMAND, ROLLOUT, DEVICE, id(12), AT, VersionId.of(2))),
          sample(
              new RollbackFailed(
                  id(25),
                  COMMAND,
                  ROLLOUT,
                  DEVICE,
                  id(12),
                  AT,
                  Failure.business("no undo script for V4"))),
          sample(
              new Restored(
                  id(26),
                  COMMAND,
                  ROLLOUT,
                  DEVICE,
                  id(13),
                  AT,
                  BACKUP,
                  VersionId.of(2),
                  FRESH_BACKUP)),
          sample(
              new RestoreFailed(
                  id(27),
                  COMMAND,
                  ROLLOUT,
                  DEVICE,
                  id(13),
                  AT,
                  BACKUP,
                  Failure.infrastructure("checksum mismatch"))),
          sample(
              new RolloutAccepted(
                  id(30),
                  ROLLOUT,
                  1,
                  id(50),
                  AT,
                  null,
                  null,
                  List.of(DEVICE),
                  new RestorePolicy(120, true, 15, 1800, 60).asRolloutPolicy(),
                  "ops@example.com",
                  new BackupChoice(BACKUP, AT))),
          sample(
              new RolloutRejected(
                  id(31),
                  ROLLOUT,
                  1,
                  id(1),
                  AT,
                  List.of("migrationSet: 'coachiq' has no version 7"),
                  "ops@example.com")),
          sample(new StepDispatched(id(32), ROLLOUT, 2, id(30), AT, CARRIED_VERIFY, COMMAND)),
          sample(new StepCompleted(id(33), ROLLOUT, 3, id(20), AT, APPLIED)),
          sample(new StepTimedOut(id(34), ROLLOUT, 4, id(32), AT, DEVICE, Step.MIGRATE, COMMAND)),
          sample(
              new DeviceFinished(
                  id(35),
                  ROLLOUT,
                  5,
                  id(33),
                  AT,
                  DEVICE,
                  DeviceOutcome.DONE,
                  VersionId.of(5),
                  BACKUP,
                  List.of())),
          sample(
              new RolloutFinished(
                  id(36), ROLLOUT, 6, id(35), AT, new RolloutCounts(48, 1, 1, 0, 0))),
          sample(
              new MigrationRehearsed(
                  id(28),
                  COMMAND,
                  ROLLOUT,
                  DEVICE,
                  id(10),
                  AT,
                  VersionId.of(2),
                  VersionId.of(5),
                  37,
                  81920,
                  90112,
                  172032)),
          sample(new WaveStarted(id(37), ROLLOUT, 2, id(30), AT, 1, List.of(DEVICE))),
          sample(new WaveAwaitingApproval(id(38), ROLLOUT, 9, id(35), AT, 2)),
          sample(new WaveApproved(id(39), ROLLOUT, 10, id(5), AT, 2, "ops@example.com")),
          sample(new RolloutPaused(id(42), ROLLOUT, 11, id(2), AT, "ops@example.com")),
          sample(new RolloutResumed(id(43), ROLLOUT, 12, id(3), AT, "ops@example.com")),
          sample(new RolloutHalted(id(44), ROLLOUT, 13, id(35), AT, 0.25, 0.05, OnThreshold.HALT)),
          sample(
              new RolloutAborted(
                  id(45), ROLLOUT, 14, id(4), AT, "ops@example.com", "aborted by an operator")),
          sample(
              new ControlRefused(
                  id(46),
                  ROLLOUT,
                  15,
                  id(5),
                  AT,
                  "ApproveWave",
                  "wave 3 is not waiting for approval",
                  "ops@example.com")),
          sample(
              new DeviceDeferred(
                  id(47),
                  ROLLOUT,
                  16,
                  id(15),
                  AT,
                  DEVICE,
                  List.of("verify (the database could not be read: disk I/O error)"),
                  1,
                  DEADLINE,
                  Step.VERIFY)),
          sample(
              new MigrationScript(
                  id(40),
                  AT,
                  SET,
                  VersionId.parse("1.1"),
                  ScriptKind.MIGRATE,
                  "add usage snapshots",
                  "CREATE TABLE usage_snapshots (id INTEGER PRIMARY KEY);\n",
                  SHA,
                  true,
                  List.of("usage_snapshots_old"),
                  "V1.1__add_usage_snapshots.sql",
                  OTHER_SHA)),
          sample(
              new DeviceReport(
                  id(41),
                  AT,
                  DEVICE,
                  VersionId.of(2),
                  81920,
                  List.of("west", "canary"),
                  new DeviceConditions(true, 0, List.of()))),
          sample(
              new DeviceStateReport(
                  id(48),
                  AT,
                  DEVICE,
                  OBSERVED,
                  new DeviceConditions(false, 1, List.of("slide-out-extending")),
                  List.of("west", "canary"))),
          sample(new DeviceInventoryReport(id(49), AT, DEVICE, OBSERVED, VersionId.of(2), 81920)));

  /** The sample of {@code type}. */
  public static <M extends Message> M of(Class<M> type) {
    Message sample = ALL.get(type);
    if (sample == null) {
      throw new IllegalArgumentException("no sample of " + type.getName());
    }
    return type.cast(sample);
  }

  private static Map.Entry<Class<? extends Message>, Message> sample(Message message) {
    return Map.entry(message.getClass(), message);
  }
}
