package dev.flotilla.bench.backup;

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
import java.time.Duration;
import java.time.Instant;

/**
 * The commands a coordinator would send one device in a rollout of its own (a fresh rollout id, so
 * no command id repeats on shared data), with the default step timeout as deadline.
 */
final class StepCommands {
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(300);

  private final RolloutId rollout;
  private final MigrationSetId set;
  private final VersionId target;

  StepCommands(String purpose, MigrationSetId set, int targetVersion) {
    this.rollout = RolloutId.of(purpose + "-" + MessageId.random().value());
    this.set = set;
    this.target = VersionId.of(targetVersion);
  }

  RunSafetyCheck safetyCheck(DeviceId device) {
    Instant now = Instant.now();
    return new RunSafetyCheck(
        MessageId.random(),
        id(device, Step.SAFETY_CHECK),
        rollout,
        device,
        MessageId.random(),
        now,
        now.plus(STEP_TIMEOUT),
        set,
        target,
        false);
  }

  TakeBackup backup(DeviceId device) {
    Instant now = Instant.now();
    return new TakeBackup(
        MessageId.random(),
        id(device, Step.BACKUP),
        rollout,
        device,
        MessageId.random(),
        now,
        now.plus(STEP_TIMEOUT));
  }

  ApplyMigrations migrate(DeviceId device) {
    Instant now = Instant.now();
    return new ApplyMigrations(
        MessageId.random(),
        id(device, Step.MIGRATE),
        rollout,
        device,
        MessageId.random(),
        now,
        now.plus(STEP_TIMEOUT),
        set,
        target,
        false);
  }

  VerifyMigration verify(DeviceId device) {
    Instant now = Instant.now();
    return new VerifyMigration(
        MessageId.random(),
        id(device, Step.VERIFY),
        rollout,
        device,
        MessageId.random(),
        now,
        now.plus(STEP_TIMEOUT),
        set,
        target);
  }

  private CommandId id(DeviceId device, Step step) {
    return CommandId.of(rollout.value() + "/" + device.value() + "/" + step.wireName());
  }
}
