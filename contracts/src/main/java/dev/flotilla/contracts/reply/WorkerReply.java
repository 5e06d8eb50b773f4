package dev.flotilla.contracts.reply;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.flotilla.contracts.Message;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;

/**
 * A worker's answer to one command, on {@code flotilla.replies} keyed by rollout id. Workers turn
 * every outcome, including every exception, into one of these: nothing throws across Kafka.
 */
public sealed interface WorkerReply extends Message
    permits SafetyCheckResult,
        BackupResult,
        MigrateResult,
        VerifyResult,
        RollbackResult,
        RestoreResult {
  CommandId commandId();

  RolloutId rolloutId();

  DeviceId deviceId();

  /** The message id of the command answered. */
  MessageId causationId();

  @JsonIgnore
  Step step();

  @JsonIgnore
  boolean succeeded();

  /** Calls the one method of {@code visitor} that takes this reply's type. */
  <R> R accept(Visitor<R> visitor);

  /**
   * One method per reply type, none with a default: whatever reads replies as a visitor says what
   * it does with each, and a new reply type does not compile until it does.
   */
  interface Visitor<R> {
    R visit(SafetyCheckPassed safetyCheckPassed);

    R visit(SafetyCheckFailed safetyCheckFailed);

    R visit(BackupCompleted backupCompleted);

    R visit(BackupFailed backupFailed);

    R visit(MigrationsApplied migrationsApplied);

    R visit(MigrationFailed migrationFailed);

    R visit(MigrationRehearsed migrationRehearsed);

    R visit(VerificationPassed verificationPassed);

    R visit(VerificationFailed verificationFailed);

    R visit(RolledBack rolledBack);

    R visit(RollbackFailed rollbackFailed);

    R visit(Restored restored);

    R visit(RestoreFailed restoreFailed);
  }
}
