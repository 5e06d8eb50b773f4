package dev.flotilla.bench;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.ApplyMigrations;
import dev.flotilla.contracts.command.RunSafetyCheck;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.command.TakeBackup;
import dev.flotilla.contracts.command.VerifyMigration;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The commands the coordinator would send for one device, each with a command id of its own and the
 * default step timeout (300 s) as deadline, so deadline handling is armed as in a rollout. Each
 * run's commands belong to a rollout id of their own, so no command id repeats on shared data.
 */
public final class BenchCommands {
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(300);
  private static final AtomicLong RUNS = new AtomicLong();

  private final RolloutId rollout;
  private final MigrationSetId set;
  private final VersionId targetVersion;
  private final Clock clock;

  private BenchCommands(RolloutId rollout, MigrationSetId set, int targetVersion, Clock clock) {
    this.rollout = rollout;
    this.set = set;
    this.targetVersion = VersionId.of(targetVersion);
    this.clock = clock;
  }

  /** Commands of a new rollout id, so no command id repeats across runs. */
  public static BenchCommands forNewRun(MigrationSetId set, int targetVersion) {
    return new BenchCommands(
        RolloutId.of("bench-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet()),
        set,
        targetVersion,
        Clock.systemUTC());
  }

  public RunSafetyCheck safetyCheck(DeviceId device) {
    Instant now = clock.instant();
    return new RunSafetyCheck(
        MessageId.random(),
        commandId(device, Step.SAFETY_CHECK),
        rollout,
        device,
        MessageId.random(),
        now,
        now.plus(STEP_TIMEOUT),
        set,
        targetVersion,
        false);
  }

  public TakeBackup backup(DeviceId device) {
    Instant now = clock.instant();
    return new TakeBackup(
        MessageId.random(),
        commandId(device, Step.BACKUP),
        rollout,
        device,
        MessageId.random(),
        now,
        now.plus(STEP_TIMEOUT));
  }

  public ApplyMigrations migrate(DeviceId device) {
    Instant now = clock.instant();
    return new ApplyMigrations(
        MessageId.random(),
        commandId(device, Step.MIGRATE),
        rollout,
        device,
        MessageId.random(),
        now,
        now.plus(STEP_TIMEOUT),
        set,
        targetVersion,
        false);
  }

  public VerifyMigration verify(DeviceId device) {
    Instant now = clock.instant();
    return new VerifyMigration(
        MessageId.random(),
        commandId(device, Step.VERIFY),
        rollout,
        device,
        MessageId.random(),
        now,
        now.plus(STEP_TIMEOUT),
        set,
        targetVersion);
  }

  private CommandId commandId(DeviceId device, Step step) {
    return CommandId.of(rollout.value() + "/" + device.value() + "/" + step.wireName());
  }
}
