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
}
