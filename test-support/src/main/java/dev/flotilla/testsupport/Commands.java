package dev.flotilla.testsupport;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.ApplyMigrations;
import dev.flotilla.contracts.command.RestoreBackup;
import dev.flotilla.contracts.command.RollbackMigrations;
import dev.flotilla.contracts.command.RunSafetyCheck;
import dev.flotilla.contracts.command.TakeBackup;
import dev.flotilla.contracts.command.VerifyMigration;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.BackupChoice;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Commands as the coordinator would send them, each with a fresh command id. */
public final class Commands {
  public static final RolloutId ROLLOUT = RolloutId.of("r-test");
  private static final Duration TIME_TO_DEADLINE = Duration.ofMinutes(1);

  private Commands() {}

  public static CommandId newCommandId(String step) {
    return CommandId.of("r-test/" + step + "/" + UUID.randomUUID());
  }

  public static RunSafetyCheck safetyCheck(
      DeviceId device, MigrationSetId set, VersionId target, boolean requireReportedState) {
    return safetyCheck(
        device, set, target, requireReportedState, Instant.now().plus(TIME_TO_DEADLINE));
  }

  public static RunSafetyCheck safetyCheck(
      DeviceId device,
      MigrationSetId set,
      VersionId target,
      boolean requireReportedState,
      Instant deadline) {
    return new RunSafetyCheck(
        MessageId.random(),
        newCommandId("safety-check"),
        ROLLOUT,
        device,
        MessageId.random(),
        Instant.now(),
        deadline,
        set,
        target,
        requireReportedState);
  }

  /**
   * A safety check that counts device state observed more than {@code maxStateAgeSeconds} ago as
   * unknown.
   */
  public static RunSafetyCheck safetyCheckWithStateAge(
      DeviceId device, MigrationSetId set, VersionId target, int maxStateAgeSeconds) {
    return new RunSafetyCheck(
        MessageId.random(),
        newCommandId("safety-check"),
        ROLLOUT,
        device,
        MessageId.random(),
        Instant.now(),
        Instant.now().plus(TIME_TO_DEADLINE),
        set,
        target,
        false,
        maxStateAgeSeconds);
  }

  /**
   * A migration that counts device state observed more than {@code maxStateAgeSeconds} ago as
   * unknown.
   */
  public static ApplyMigrations migrateWithStateAge(
      DeviceId device, MigrationSetId set, VersionId target, int maxStateAgeSeconds) {
    return new ApplyMigrations(
        MessageId.random(),
        newCommandId("migrate"),
        ROLLOUT,
        device,
        MessageId.random(),
        Instant.now(),
        Instant.now().plus(TIME_TO_DEADLINE),
        set,
        target,
        false,
        null,
        maxStateAgeSeconds);
  }

  public static ApplyMigrations migrate(DeviceId device, MigrationSetId set, VersionId target) {
    return migrate(device, set, target, Instant.now().plus(TIME_TO_DEADLINE));
  }

  /** A migration that waits at most {@code lockWaitSeconds} for the application's lock. */
  public static ApplyMigrations migrateWaitingForLock(
      DeviceId device, MigrationSetId set, VersionId target, int lockWaitSeconds) {
    return new ApplyMigrations(
        MessageId.random(),
        newCommandId("migrate"),
        ROLLOUT,
        device,
        MessageId.random(),
        Instant.now(),
        Instant.now().plus(TIME_TO_DEADLINE),
        set,
        target,
        false,
        lockWaitSeconds);
  }

  /** A dry run: rehearse the migration on a copy, leave the device as it is. */
  public static ApplyMigrations dryRun(DeviceId device, MigrationSetId set, VersionId target) {
    return migrate(device, set, target, Instant.now().plus(TIME_TO_DEADLINE), true);
  }

  public static ApplyMigrations migrate(
      DeviceId device, MigrationSetId set, VersionId target, Instant deadline) {
    return migrate(device, set, target, deadline, false);
  }

  private static ApplyMigrations migrate(
      DeviceId device, MigrationSetId set, VersionId target, Instant deadline, boolean dryRun) {
    return new ApplyMigrations(
        MessageId.random(),
        newCommandId("migrate"),
        ROLLOUT,
        device,
        MessageId.random(),
        Instant.now(),
        deadline,
        set,
        target,
        dryRun);
  }

  public static VerifyMigration verify(DeviceId device, MigrationSetId set, VersionId target) {
    return verify(device, set, target, Instant.now().plus(TIME_TO_DEADLINE));
  }

  public static VerifyMigration verify(
      DeviceId device, MigrationSetId set, VersionId target, Instant deadline) {
    return new VerifyMigration(
        MessageId.random(),
        newCommandId("verify"),
        ROLLOUT,
        device,
        MessageId.random(),
        Instant.now(),
        deadline,
        set,
        target);
  }

  public static RollbackMigrations rollback(
      DeviceId device, MigrationSetId set, VersionId toVersion) {
    return rollback(device, set, toVersion, Instant.now().plus(TIME_TO_DEADLINE));
  }

  public static RollbackMigrations rollback(
      DeviceId device, MigrationSetId set, VersionId toVersion, Instant deadline) {
    return new RollbackMigrations(
        MessageId.random(),
        newCommandId("rollback"),
        ROLLOUT,
        device,
        MessageId.random(),
        Instant.now(),
        deadline,
        set,
        toVersion);
  }

  /** A backup under the given command id, which is also the worker's idempotency key. */
  public static TakeBackup takeBackup(DeviceId device, String commandId) {
    return new TakeBackup(
        MessageId.random(),
        CommandId.of(commandId),
        ROLLOUT,
        device,
        MessageId.random(),
        Instant.now(),
        Instant.now().plus(TIME_TO_DEADLINE));
  }

  /** A safety check before an operator's restore: no set, no target. */
  public static RunSafetyCheck safetyCheckBeforeRestore(
      DeviceId device, boolean requireReportedState) {
    return RunSafetyCheck.beforeRestore(
        MessageId.random(),
        newCommandId("safety-check"),
        ROLLOUT,
        device,
        MessageId.random(),
        Instant.now(),
        Instant.now().plus(TIME_TO_DEADLINE),
        requireReportedState,
        null);
  }

  /** The backup before an operator's restore, which first finds the backup it will put back. */
  public static TakeBackup takeBackupBeforeRestore(
      DeviceId device, String commandId, BackupChoice toRestore) {
    return new TakeBackup(
        MessageId.random(),
        CommandId.of(commandId),
        ROLLOUT,
        device,
        MessageId.random(),
        Instant.now(),
        Instant.now().plus(TIME_TO_DEADLINE),
        toRestore);
  }

  /** An operator's restore, judged against the backup that keeps the database as it is. */
  public static RestoreBackup restoreReplacing(
      DeviceId device,
      String commandId,
      BackupId backup,
      String sha256,
      BackupId replacedStateBackupId) {
    return new RestoreBackup(
        MessageId.random(),
        CommandId.of(commandId),
        ROLLOUT,
        device,
        MessageId.random(),
        Instant.now(),
        Instant.now().plus(TIME_TO_DEADLINE),
        backup,
        sha256,
        replacedStateBackupId);
  }

  public static RestoreBackup restore(
      DeviceId device, String commandId, BackupId backup, String sha256) {
    return new RestoreBackup(
        MessageId.random(),
        CommandId.of(commandId),
        ROLLOUT,
        device,
        MessageId.random(),
        Instant.now(),
        Instant.now().plus(TIME_TO_DEADLINE),
        backup,
        sha256);
  }
}
