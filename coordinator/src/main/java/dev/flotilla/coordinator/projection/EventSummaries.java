package dev.flotilla.coordinator.projection;

import dev.flotilla.contracts.command.ApplyMigrations;
import dev.flotilla.contracts.command.RestoreBackup;
import dev.flotilla.contracts.command.RollbackMigrations;
import dev.flotilla.contracts.command.TakeBackup;
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
import dev.flotilla.coordinator.saga.RolloutStanding;
import java.util.stream.Collectors;

/** One line, for people, saying what an event means. Pure. */
public final class EventSummaries {
  private EventSummaries() {}

  public static String of(RolloutEvent event) {
    return event.accept(EVENTS);
  }

  private static final RolloutEvent.Visitor<String> EVENTS =
      new RolloutEvent.Visitor<>() {
        @Override
        public String visit(RolloutAccepted a) {
          if (a.restoring()) {
            return "accepted: restore of "
                + a.devices().get(0)
                + " from "
                + (a.restore().backupId() == null
                    ? "its newest intact backup taken before " + a.restore().madeBefore()
                    : "backup " + a.restore().backupId())
                + ", requested by "
                + a.requestedBy();
          }
          return "accepted: "
              + a.migrationSet()
              + " to version "
              + a.targetVersion()
              + " on "
              + plural(a.devices().size(), "device")
              + (a.policy().dryRun() ? " (dry run)" : "")
              + ", requested by "
              + a.requestedBy();
        }

        @Override
        public String visit(RolloutRejected r) {
          return "rejected (requested by "
              + r.requestedBy()
              + "): "
              + String.join("; ", r.reasons());
        }

        @Override
        public String visit(WaveStarted w) {
          return "wave " + w.wave() + " started with " + plural(w.devices().size(), "device");
        }

        @Override
        public String visit(WaveAwaitingApproval w) {
          return "wave " + w.wave() + " awaits approval";
        }

        @Override
        public String visit(WaveApproved w) {
          return "wave " + w.wave() + " approved by " + w.requestedBy();
        }

        @Override
        public String visit(RolloutPaused p) {
          return "paused by " + p.requestedBy();
        }

        @Override
        public String visit(RolloutResumed r) {
          return "resumed by " + r.requestedBy();
        }

        @Override
        public String visit(RolloutHalted h) {
          return RolloutStanding.describe(h);
        }

        @Override
        public String visit(RolloutAborted a) {
          return "aborted: " + a.reason();
        }

        @Override
        public String visit(ControlRefused c) {
          return "refused " + c.command() + " from " + c.requestedBy() + ": " + c.reason();
        }

        @Override
        public String visit(StepDispatched d) {
          String summary = d.command().deviceId() + ": " + dispatched(d.command());
          return d.sentOnItsOwn() ? summary : summary + ", carried by " + d.carriedBy();
        }

        @Override
        public String visit(StepCompleted c) {
          return c.reply().deviceId() + ": " + reply(c.reply());
        }

        @Override
        public String visit(StepTimedOut t) {
          return t.deviceId() + ": " + t.step().wireName() + " timed out (" + t.commandId() + ")";
        }

        @Override
        public String visit(DeviceDeferred d) {
          return d.deviceId()
              + ": deferred (attempt "
              + d.attempt()
              + ") until "
              + d.retryAt()
              + (d.retryStep() == null ? "" : ", then " + d.retryStep().wireName() + " again")
              + ": "
              + String.join("; ", d.reasons());
        }

        @Override
        public String visit(DeviceFinished f) {
          return f.deviceId()
              + ": "
              + f.outcome()
              + (f.version() == null ? "" : " at version " + f.version())
              + (f.backupId() == null ? "" : ", backup " + f.backupId())
              + (f.reasons().isEmpty() ? "" : ": " + String.join("; ", f.reasons()));
        }

        @Override
        public String visit(RolloutFinished f) {
          return "finished: " + counts(f.counts());
        }
      };

  private static String dispatched(WorkerCommand command) {
    String what = command.step().wireName() + " dispatched";
    if (command instanceof ApplyMigrations m) {
      what += " (to version " + m.targetVersion() + (m.dryRun() ? ", dry run" : "") + ")";
    } else if (command instanceof RollbackMigrations r) {
      what += " (to version " + r.toVersion() + ")";
    } else if (command instanceof RestoreBackup r) {
      what +=
          " (from backup "
              + r.backupId()
              + (r.replacedStateBackupId() == null
                  ? ""
                  : "; the database it replaces is kept in backup " + r.replacedStateBackupId())
              + ")";
    } else if (command instanceof TakeBackup b && b.toRestore() != null) {
      what +=
          " (first finding "
              + (b.toRestore().backupId() == null
                  ? "the newest intact backup"
                  : "backup " + b.toRestore().backupId())
              + " to restore)";
    }
    return what + ", command " + command.commandId();
  }

  private static String reply(WorkerReply reply) {
    return reply.accept(REPLIES);
  }

  private static final WorkerReply.Visitor<String> REPLIES =
      new WorkerReply.Visitor<>() {
        @Override
        public String visit(SafetyCheckPassed p) {
          return "safe to migrate, at version " + p.currentVersion();
        }

        @Override
        public String visit(SafetyCheckFailed f) {
          return "not safe to migrate: "
              + f.reasons().stream()
                  .map(
                      r ->
                          r.code()
                              + (r.transientReason() ? " (transient)" : "")
                              + ": "
                              + r.message())
                  .collect(Collectors.joining("; "));
        }

        @Override
        public String visit(BackupCompleted b) {
          return "backup "
              + b.backupId()
              + " taken ("
              + b.sizeBytes()
              + " bytes)"
              + (b.toRestore() == null
                  ? ""
                  : "; backup "
                      + b.toRestore().backupId()
                      + " (version "
                      + b.toRestore().version()
                      + ") found intact, to restore");
        }

        @Override
        public String visit(BackupFailed f) {
          return "backup failed: " + f.failure().reason();
        }

        @Override
        public String visit(MigrationsApplied m) {
          return (m.downgrade()
                  ? "taken down with undo scripts from version "
                  : "migrated from version ")
              + m.fromVersion()
              + " to "
              + m.toVersion()
              + " in "
              + m.durationMillis()
              + " ms";
        }

        @Override
        public String visit(MigrationFailed f) {
          return "migration failed"
              + (f.failedVersion() == null ? "" : " at version " + f.failedVersion())
              + ", now at version "
              + f.versionNow()
              + ": "
              + f.failure().reason();
        }

        @Override
        public String visit(MigrationRehearsed r) {
          return "dry run: version "
              + r.fromVersion()
              + " to "
              + r.toVersion()
              + " would take "
              + r.durationMillis()
              + " ms and "
              + r.diskNeededBytes()
              + " bytes of free disk";
        }

        @Override
        public String visit(VerificationPassed v) {
          return "verified at version " + v.version();
        }

        @Override
        public String visit(VerificationFailed f) {
          return "verification failed: " + String.join("; ", f.problems());
        }

        @Override
        public String visit(RolledBack r) {
          return "rolled back to version " + r.version();
        }

        @Override
        public String visit(RollbackFailed f) {
          return "rollback failed: " + f.failure().reason();
        }

        @Override
        public String visit(Restored r) {
          return "restored from backup "
              + r.backupId()
              + " at version "
              + r.version()
              + (r.replacedStateBackupId() == null
                  ? ""
                  : "; the database it replaced is kept in backup " + r.replacedStateBackupId());
        }

        @Override
        public String visit(RestoreFailed f) {
          return "restore from backup " + f.backupId() + " failed: " + f.failure().reason();
        }
      };

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
