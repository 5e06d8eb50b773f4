package dev.flotilla.contracts.command;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.flotilla.contracts.Message;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;

/**
 * One step of one device saga, sent by the coordinator on {@code flotilla.commands.<step>} keyed by
 * device id. The {@link #commandId()} is the idempotency key: a worker that sees it again has no
 * second effect and replays its recorded reply.
 */
public sealed interface WorkerCommand extends Message
    permits RunSafetyCheck,
        TakeBackup,
        ApplyMigrations,
        VerifyMigration,
        RollbackMigrations,
        RestoreBackup {
  CommandId commandId();

  RolloutId rolloutId();

  DeviceId deviceId();

  /** The event that caused this command. */
  MessageId causationId();

  /** After this instant the coordinator treats the step as timed out. */
  Instant deadline();

  @JsonIgnore
  Step step();
}
