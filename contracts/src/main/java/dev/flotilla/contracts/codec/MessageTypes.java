package dev.flotilla.contracts.codec;

import dev.flotilla.contracts.Message;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.command.ApplyMigrations;
import dev.flotilla.contracts.command.RestoreBackup;
import dev.flotilla.contracts.command.RollbackMigrations;
import dev.flotilla.contracts.command.RunSafetyCheck;
import dev.flotilla.contracts.command.TakeBackup;
import dev.flotilla.contracts.command.VerifyMigration;
import dev.flotilla.contracts.control.AbortRollout;
import dev.flotilla.contracts.control.ApproveWave;
import dev.flotilla.contracts.control.PauseRollout;
import dev.flotilla.contracts.control.RejectRequest;
import dev.flotilla.contracts.control.ResumeRollout;
import dev.flotilla.contracts.control.RolloutAdmitted;
import dev.flotilla.contracts.device.DeviceInventoryReport;
import dev.flotilla.contracts.device.DeviceReport;
import dev.flotilla.contracts.device.DeviceStateReport;
import dev.flotilla.contracts.event.ControlRefused;
import dev.flotilla.contracts.event.DeviceDeferred;
import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.RolloutAborted;
import dev.flotilla.contracts.event.RolloutAccepted;
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
import dev.flotilla.contracts.reply.BackupCompleted;
import dev.flotilla.contracts.reply.BackupFailed;
import dev.flotilla.contracts.reply.MigrationFailed;
import dev.flotilla.contracts.reply.MigrationRehearsed;
import dev.flotilla.contracts.reply.MigrationsApplied;
import dev.flotilla.contracts.reply.RestoreFailed;
import dev.flotilla.contracts.reply.Restored;
import dev.flotilla.contracts.reply.RollbackFailed;
import dev.flotilla.contracts.reply.RolledBack;
import dev.flotilla.contracts.reply.SafetyCheckFailed;
import dev.flotilla.contracts.reply.SafetyCheckPassed;
import dev.flotilla.contracts.reply.VerificationFailed;
import dev.flotilla.contracts.reply.VerificationPassed;
import dev.flotilla.contracts.request.RestoreRequest;
import dev.flotilla.contracts.request.UpdateRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one list of every message on the wire. The logical name is the contract: renaming a Java
 * class changes nothing here, renaming a logical name breaks every reader. A change to a message's
 * fields raises its schema number.
 */
public final class MessageTypes {
  private MessageTypes() {}

  public static final List<MessageType> ALL =
      List.of(
          type("UpdateRequest", UpdateRequest.class, 4),
          type("RestoreRequest", RestoreRequest.class),
          type("PauseRollout", PauseRollout.class),
          type("ResumeRollout", ResumeRollout.class),
          type("AbortRollout", AbortRollout.class),
          type("ApproveWave", ApproveWave.class),
          type("RejectRequest", RejectRequest.class),
          type("RolloutAdmitted", RolloutAdmitted.class),
          type("RunSafetyCheck", RunSafetyCheck.class, 4),
          type("TakeBackup", TakeBackup.class, 2),
          type("ApplyMigrations", ApplyMigrations.class, 5),
          type("VerifyMigration", VerifyMigration.class, 2),
          type("RollbackMigrations", RollbackMigrations.class),
          type("RestoreBackup", RestoreBackup.class, 2),
          type("SafetyCheckPassed", SafetyCheckPassed.class, 2),
          type("SafetyCheckFailed", SafetyCheckFailed.class),
          type("BackupCompleted", BackupCompleted.class, 3),
          type("BackupFailed", BackupFailed.class),
          type("MigrationsApplied", MigrationsApplied.class, 3),
          type("MigrationFailed", MigrationFailed.class, 2),
          type("VerificationPassed", VerificationPassed.class),
          type("VerificationFailed", VerificationFailed.class),
          type("RolledBack", RolledBack.class),
          type("RollbackFailed", RollbackFailed.class),
          type("Restored", Restored.class, 2),
          type("RestoreFailed", RestoreFailed.class),
          type("RolloutAccepted", RolloutAccepted.class, 5),
          type("RolloutRejected", RolloutRejected.class),
          type("StepDispatched", StepDispatched.class, 2),
          type("StepCompleted", StepCompleted.class),
          type("StepTimedOut", StepTimedOut.class),
          type("DeviceFinished", DeviceFinished.class),
          type("RolloutFinished", RolloutFinished.class),
          type("WaveStarted", WaveStarted.class),
          type("WaveAwaitingApproval", WaveAwaitingApproval.class),
          type("WaveApproved", WaveApproved.class),
          type("RolloutPaused", RolloutPaused.class),
          type("RolloutResumed", RolloutResumed.class),
          type("RolloutHalted", RolloutHalted.class),
          type("RolloutAborted", RolloutAborted.class),
          type("ControlRefused", ControlRefused.class),
          type("DeviceDeferred", DeviceDeferred.class, 2),
          type("MigrationRehearsed", MigrationRehearsed.class),
          type("MigrationScript", MigrationScript.class, 3),
          type("DeviceReport", DeviceReport.class),
          type("DeviceStateReport", DeviceStateReport.class),
          type("DeviceInventoryReport", DeviceInventoryReport.class));

  private static final Map<String, MessageType> BY_NAME =
      ALL.stream().collect(Collectors.toUnmodifiableMap(MessageType::name, Function.identity()));
  private static final Map<Class<?>, MessageType> BY_CLASS =
      ALL.stream()
          .collect(Collectors.toUnmodifiableMap(MessageType::javaType, Function.identity()));

  /**
   * A type still at schema 1. The name is written out, never taken from the class: it is the
   * contract with every reader, and renaming or moving a class must not change it.
   */
  private static MessageType type(String name, Class<? extends Message> javaType) {
    return type(name, javaType, 1);
  }

  /**
   * A type whose fields grew: each schema after 1 added fields that older messages lack, and every
   * schema up to {@code schema} still decodes.
   */
  private static MessageType type(String name, Class<? extends Message> javaType, int schema) {
    return new MessageType(name, schema, javaType);
  }

  public static Optional<MessageType> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  public static MessageType of(Class<?> javaType) {
    MessageType type = BY_CLASS.get(javaType);
    if (type == null) {
      throw new IllegalArgumentException(javaType + " is not a registered message type");
    }
    return type;
  }
}
