package dev.flotilla.backup;

import dev.flotilla.contracts.command.RestoreBackup;
import dev.flotilla.contracts.command.TakeBackup;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Duration;
import java.time.Instant;

/** Commands as the coordinator would send them. */
final class Commands {
  static final RolloutId ROLLOUT = RolloutId.of("r-2026-11-22-a");

  private Commands() {}

  static TakeBackup takeBackup(DeviceId device, String commandId) {
    Instant now = Instant.now();
    return new TakeBackup(
        MessageId.random(),
        CommandId.of(commandId),
        ROLLOUT,
        device,
        MessageId.random(),
        now,
        now.plus(Duration.ofMinutes(5)));
  }

  static RestoreBackup restore(DeviceId device, String commandId, BackupId backup, String sha256) {
    Instant now = Instant.now();
    return new RestoreBackup(
        MessageId.random(),
        CommandId.of(commandId),
        ROLLOUT,
        device,
        MessageId.random(),
        now,
        now.plus(Duration.ofMinutes(5)),
        backup,
        sha256);
  }
}
