package dev.flotilla.migration.step;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.ApplyMigrations;
import dev.flotilla.contracts.command.RollbackMigrations;
import dev.flotilla.contracts.command.RunSafetyCheck;
import dev.flotilla.contracts.command.VerifyMigration;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.reply.Failure;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.contracts.reply.MigrationFailed;
import dev.flotilla.contracts.reply.MigrationRehearsed;
import dev.flotilla.contracts.reply.MigrationsApplied;
import dev.flotilla.contracts.reply.RollbackFailed;
import dev.flotilla.contracts.reply.RolledBack;
import dev.flotilla.contracts.reply.SafetyCheckFailed;
import dev.flotilla.contracts.reply.SafetyCheckPassed;
import dev.flotilla.contracts.reply.SafetyReason;
import dev.flotilla.contracts.reply.VerificationFailed;
import dev.flotilla.contracts.reply.VerificationPassed;
import dev.flotilla.migration.adoption.Identification;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Builds the reply to a command: same command, rollout and device ids, the command's message id as
 * causation, a fresh message id and the clock's time.
 */
public final class Replies {
  private final Clock clock;

  public Replies(Clock clock) {
    this.clock = clock;
  }

  public Clock clock() {
    return clock;
  }

  public SafetyCheckPassed safetyCheckPassed(
      RunSafetyCheck command, VersionId currentVersion, long sizeBytes) {
    return safetyCheckPassed(command, currentVersion, sizeBytes, Optional.empty());
  }

  /**
   * @param adopted the version a database without Flotilla's history is adopted at, and why
   */
  public SafetyCheckPassed safetyCheckPassed(
      RunSafetyCheck command,
      VersionId currentVersion,
      long sizeBytes,
      Optional<Identification.Adoptable> adopted) {
    return new SafetyCheckPassed(
        MessageId.random(),
        command.commandId(),
        command.rolloutId(),
        command.deviceId(),
        command.messageId(),
        clock.instant(),
        currentVersion,
        sizeBytes,
        adopted.map(Identification.Adoptable::version).orElse(null),
        adopted.map(Identification.Adoptable::evidence).orElse(null));
  }

  public SafetyCheckFailed safetyCheckFailed(RunSafetyCheck command, List<SafetyReason> reasons) {
    return new SafetyCheckFailed(
        MessageId.random(),
        command.commandId(),
        command.rolloutId(),
        command.deviceId(),
        command.messageId(),
        clock.instant(),
        reasons);
  }

  /**
   * The device reached the target: {@code appliedVersions} applied, or for a downgrade {@code
   * revertedVersions} undone (highest first); one of the two is empty.
   */
  public MigrationsApplied migrationsApplied(
      ApplyMigrations command,
      VersionId fromVersion,
      List<VersionId> appliedVersions,
      List<VersionId> revertedVersions,
      long durationMillis,
      long lockWindowMillis) {
    return new MigrationsApplied(
        MessageId.random(),
        command.commandId(),
        command.rolloutId(),
        command.deviceId(),
        command.messageId(),
        clock.instant(),
        fromVersion,
        command.targetVersion(),
        appliedVersions,
        durationMillis,
        lockWindowMillis,
        revertedVersions);
  }

  public MigrationRehearsed migrationRehearsed(
      ApplyMigrations command,
      VersionId fromVersion,
      long durationMillis,
      long sizeBeforeBytes,
      long sizeAfterBytes,
      long diskNeededBytes) {
    return new MigrationRehearsed(
        MessageId.random(),
        command.commandId(),
        command.rolloutId(),
        command.deviceId(),
        command.messageId(),
        clock.instant(),
        fromVersion,
        command.targetVersion(),
        durationMillis,
        sizeBeforeBytes,
        sizeAfterBytes,
        diskNeededBytes);
  }

  public MigrationFailed migrationFailed(
      ApplyMigrations command, VersionId versionNow, VersionId failedVersion, Failure failure) {
    return migrationFailed(command, versionNow, failedVersion, failure, false);
  }

  /**
   * @param restoreRequired the failure left committed changes only the backup can undo
   */
  public MigrationFailed migrationFailed(
      ApplyMigrations command,
      VersionId versionNow,
      VersionId failedVersion,
      Failure failure,
      boolean restoreRequired) {
    return new MigrationFailed(
        MessageId.random(),
        command.commandId(),
        command.rolloutId(),
        command.deviceId(),
        command.messageId(),
        clock.instant(),
        versionNow,
        failedVersion,
        failure,
        restoreRequired);
  }

  public VerificationPassed verificationPassed(VerifyMigration command, String fingerprint) {
    return new VerificationPassed(
        MessageId.random(),
        command.commandId(),
        command.rolloutId(),
        command.deviceId(),
        command.messageId(),
        clock.instant(),
        command.targetVersion(),
        fingerprint);
  }

  public VerificationFailed verificationFailed(
      VerifyMigration command, List<String> problems, FailureKind kind) {
    return new VerificationFailed(
        MessageId.random(),
        command.commandId(),
        command.rolloutId(),
        command.deviceId(),
        command.messageId(),
        clock.instant(),
        problems,
        kind);
  }

  public RolledBack rolledBack(RollbackMigrations command) {
    return new RolledBack(
        MessageId.random(),
        command.commandId(),
        command.rolloutId(),
        command.deviceId(),
        command.messageId(),
        clock.instant(),
        command.toVersion());
  }

  public RollbackFailed rollbackFailed(RollbackMigrations command, Failure failure) {
    return new RollbackFailed(
        MessageId.random(),
        command.commandId(),
        command.rolloutId(),
        command.deviceId(),
        command.messageId(),
        clock.instant(),
        failure);
  }
}
