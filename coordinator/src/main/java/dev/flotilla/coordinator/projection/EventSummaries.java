package dev.flotilla.coordinator.projection;

import dev.flotilla.contracts.command.ApplyMigrations;
import dev.flotilla.contracts.command.RestoreBackup;
import dev.flotilla.contracts.command.RollbackMigrations;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.event.ControlRefused;
import dev.flotilla.contracts.event.DeviceDeferred;
import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.RolloutAborted;
import dev.flotilla.contracts.event.RolloutAccepted;
import dev.flotilla.contracts.event.RolloutCounts;
import dev.flotilla.contracts.event.RolloutEvent;
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
import dev.flotilla.contracts.reply.WorkerReply;
import java.util.Locale;
import java.util.stream.Collectors;

/** One line, for people, saying what an event means. Pure. */
public final class EventSummaries {
  private EventSummaries() {}

  public static String of(RolloutEvent event) {
    if (event instanceof RolloutAccepted a) {
      return "accepted: "
          + a.migrationSet()
          + " to version "
          + a.targetVersion()
          + " on "
          + plural(a.devices().size(), "device")
          + (a.policy().dryRun() ? " (dry run)" : "")
          + ", requested by "
          + a.requestedBy();
    } else if (event instanceof RolloutRejected r) {
      return "rejected (requested by " + r.requestedBy() + "): " + String.join("; ", r.reasons());
    } else if (event instanceof WaveStarted w) {
      return "wave " + w.wave() + " started with " + plural(w.devices().size(), "device");
    } else if (event instanceof WaveAwaitingApproval w) {
      return "wave " + w.wave() + " awaits approval";
    } else if (event instanceof WaveApproved w) {
      return "wave " + w.wave() + " approved by " + w.requestedBy();
    } else if (event instanceof RolloutPaused p) {
      return "paused by " + p.requestedBy();
    } else if (event instanceof RolloutResumed r) {
      return "resumed by " + r.requestedBy();
    } else if (event instanceof RolloutHalted h) {
      return haltDetail(h);
    } else if (event instanceof RolloutAborted a) {
      return "aborted: " + a.reason();
    } else if (event instanceof ControlRefused c) {
      return "refused " + c.command() + " from " + c.requestedBy() + ": " + c.reason();
    } else if (event instanceof StepDispatched d) {
      return d.command().deviceId() + ": " + dispatched(d.command());
    } else if (event instanceof StepCompleted c) {
      return c.reply().deviceId() + ": " + reply(c.reply());
    } else if (event instanceof StepTimedOut t) {
      return t.deviceId() + ": " + t.step().wireName() + " timed out (" + t.commandId() + ")";
    } else if (event instanceof DeviceDeferred d) {
      return d.deviceId()
          + ": deferred (attempt "
          + d.attempt()
          + ") until "
          + d.retryAt()
          + (d.retryStep() == null ? "" : ", then " + d.retryStep().wireName() + " again")
          + ": "
          + String.join("; ", d.reasons());
    } else if (event instanceof DeviceFinished f) {
      return f.deviceId()
          + ": "
          + f.outcome()
          + (f.version() == null ? "" : " at version " + f.version())
          + (f.backupId() == null ? "" : ", backup " + f.backupId())
          + (f.reasons().isEmpty() ? "" : ": " + String.join("; ", f.reasons()));
    } else if (event instanceof RolloutFinished f) {
      return "finished: " + counts(f.counts());
    }
    throw new IllegalArgumentException("no summary for " + event.getClass().getName());
  }

  static String haltDetail(RolloutHalted h) {
    return String.format(
        Locale.ROOT,
        "halted: failure rate %.1f%% passed the threshold %.1f%% (%s)",
        h.failureRate() * 100,
        h.threshold() * 100,
        h.onThreshold().name().toLowerCase(Locale.ROOT));
  }

  private static String dispatched(WorkerCommand command) {
    String what = command.step().wireName() + " dispatched";
    if (command instanceof ApplyMigrations m) {
      what += " (to version " + m.targetVersion() + (m.dryRun() ? ", dry run" : "") + ")";
    } else if (command instanceof RollbackMigrations r) {
      what += " (to version " + r.toVersion() + ")";
    } else if (command instanceof RestoreBackup r) {
      what += " (from backup " + r.backupId() + ")";
    }
    return what + ", command " + command.commandId();
  }

  private static String reply(WorkerReply reply) {
    if (reply instanceof SafetyCheckPassed p) {
      return "safe to migrate, at version " + p.currentVersion();
    } else if (reply instanceof SafetyCheckFailed f) {
      return "not safe to migrate: "
          + f.reasons().stream()
              .map(r -> r.code() + (r.transientReason() ? " (transient)" : "") + ": " + r.message())
              .collect(Collectors.joining("; "));
    } else if (reply instanceof BackupCompleted b) {
      return "backup " + b.backupId() + " taken (" + b.sizeBytes() + " bytes)";
    } else if (reply instanceof BackupFailed f) {
      return "backup failed: " + f.failure().reason();
    } else if (reply instanceof MigrationsApplied m) {
      return "migrated from version "
          + m.fromVersion()
          + " to "
          + m.toVersion()
          + " in "
          + m.durationMillis()
          + " ms";
    } else if (reply instanceof MigrationFailed f) {
      return "migration failed"
          + (f.failedVersion() == null ? "" : " at version " + f.failedVersion())
          + ", now at version "
          + f.versionNow()
          + ": "
          + f.failure().reason();
    } else if (reply instanceof MigrationRehearsed r) {
      return "dry run: version "
          + r.fromVersion()
          + " to "
          + r.toVersion()
          + " would take "
          + r.durationMillis()
          + " ms and "
          + r.diskNeededBytes()
          + " bytes of free disk";
    } else if (reply instanceof VerificationPassed v) {
      return "verified at version " + v.version();
    } else if (reply instanceof VerificationFailed f) {
      return "verification failed: " + String.join("; ", f.problems());
    } else if (reply instanceof RolledBack r) {
      return "rolled back to version " + r.version();
    } else if (reply instanceof RollbackFailed f) {
      return "rollback failed: " + f.failure().reason();
    } else if (reply instanceof Restored r) {
      return "restored from backup " + r.backupId() + " at version " + r.version();
    } else if (reply instanceof RestoreFailed f) {
      return "restore from backup " + f.backupId() + " failed: " + f.failure().reason();
    }
    throw new IllegalArgumentException("no summary for " + reply.getClass().getName());
  }

  private static String counts(RolloutCounts c) {
    return c.done()
        + " done, "
        + c.rolledBack()
        + " rolled back, "
        + c.skipped()
        + " skipped, "
        + c.failed()
        + " failed, "
        + c.needsAttention()
        + " need attention";
  }

  private static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
