package dev.flotilla.coordinator.projection;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.codec.MessageTypes;
import dev.flotilla.contracts.event.ControlRefused;
import dev.flotilla.contracts.event.DeviceDeferred;
import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.RolloutAborted;
import dev.flotilla.contracts.event.RolloutAccepted;
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
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.reply.BackupCompleted;
import dev.flotilla.contracts.reply.MigrationFailed;
import dev.flotilla.contracts.reply.MigrationRehearsed;
import dev.flotilla.contracts.reply.MigrationsApplied;
import dev.flotilla.contracts.reply.Restored;
import dev.flotilla.contracts.reply.RolledBack;
import dev.flotilla.contracts.reply.SafetyCheckPassed;
import dev.flotilla.contracts.reply.VerificationPassed;
import dev.flotilla.contracts.reply.WorkerReply;
import dev.flotilla.coordinator.projection.RolloutProgress.Stage;
import dev.flotilla.coordinator.projection.RolloutRow.Status;
import dev.flotilla.coordinator.projection.RowChange.AddAudit;
import dev.flotilla.coordinator.projection.RowChange.AddHistory;
import dev.flotilla.coordinator.projection.RowChange.PutDevice;
import dev.flotilla.coordinator.projection.RowChange.PutRollout;
import dev.flotilla.coordinator.projection.RowChange.PutWave;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The projection as a pure function: an event and the rows it touches in, the rows to write out. No
 * I/O, so the same log gives the same rows whether applied live or rebuilt. Rows shared across
 * rollouts (a device's history) are only ever added, keyed by (rollout, sequence), so the order in
 * which partitions interleave cannot change the result.
 */
public final class ProjectionFold implements EventFold {
  private final MessageCodec codec;

  public ProjectionFold(MessageCodec codec) {
    this.codec = codec;
  }

  @Override
  public List<RowChange> changes(RolloutEvent event, ProjectedRows rows) {
    String rolloutId = event.rolloutId().value();
    Optional<RolloutRow> rollout = rows.rollout(rolloutId);
    if (rollout.isPresent() && event.sequence() <= rollout.get().lastSequence()) {
      return List.of(); // applied already: counting it again would be wrong
    }
    List<RowChange> changes = new ArrayList<>();
    changes.add(new AddAudit(audit(event)));
    history(event).ifPresent(row -> changes.add(new AddHistory(row)));
    boolean opens = event instanceof RolloutAccepted || event instanceof RolloutRejected;
    if (rollout.isEmpty() && opens) {
      opened(event, changes);
    } else if (rollout.isPresent() && !opens) {
      // An event of a rollout this projection never saw open (the log's start was deleted by
      // retention) is audited only: there is no row to change.
      changes.add(new PutRollout(evolve(event, rollout.get(), rows, changes)));
    }
    return List.copyOf(changes);
  }

  private static void opened(RolloutEvent event, List<RowChange> changes) {
    Instant at = event.occurredAt();
    String id = event.rolloutId().value();
    if (event instanceof RolloutAccepted a) {
      changes.add(
          new PutRollout(
              new RolloutRow(
                  id,
                  Status.RUNNING,
                  null,
                  a.migrationSet().toString(),
                  a.targetVersion(),
                  a.requestedBy(),
                  a.policy().dryRun(),
                  a.devices().size(),
                  a.policy().waves().size(),
                  0,
                  at,
                  at,
                  null,
                  0,
                  0,
                  0,
                  0,
                  0,
                  Reasons.NONE,
                  a.sequence(),
                  at)));
      for (DeviceId device : a.devices()) {
        changes.add(new PutDevice(RolloutDeviceRow.pending(id, device.value(), at)));
      }
    } else if (event instanceof RolloutRejected r) {
      changes.add(
          new PutRollout(
              new RolloutRow(
                  id,
                  Status.REJECTED,
                  String.join("; ", r.reasons()),
                  null,
                  null,
                  r.requestedBy(),
                  false,
                  0,
                  0,
                  0,
                  at,
                  null,
                  at,
                  0,
                  0,
                  0,
                  0,
                  0,
                  Reasons.of(r.reasons()),
                  r.sequence(),
                  at)));
    }
  }

  /** The rollout's row after the event; device and wave rows it changes go into {@code out}. */
  private static RolloutRow evolve(
      RolloutEvent event, RolloutRow before, ProjectedRows rows, List<RowChange> out) {
    Instant at = event.occurredAt();
    String id = before.rolloutId();
    RolloutRow row = before.withEvent(event.sequence(), at);
    if (event instanceof WaveStarted w) {
      WaveRow wave = rows.wave(id, w.wave()).orElse(WaveRow.unseen(id, w.wave()));
      out.add(new PutWave(wave.started(w.devices().size(), at)));
      for (DeviceId device : w.devices()) {
        out.add(new PutDevice(deviceRow(rows, id, device, at).withWave(w.wave(), at)));
      }
      row = row.withCurrentWave(Math.max(before.currentWave(), w.wave()));
      return row.status() == Status.AWAITING_APPROVAL ? row.withStatus(Status.RUNNING, null) : row;
    } else if (event instanceof WaveAwaitingApproval w) {
      out.add(new PutWave(WaveRow.awaiting(id, w.wave(), at)));
      return row.withStatus(Status.AWAITING_APPROVAL, "wave " + w.wave() + " awaits approval");
    } else if (event instanceof WaveApproved w) {
      WaveRow wave = rows.wave(id, w.wave()).orElse(WaveRow.unseen(id, w.wave()));
      out.add(new PutWave(wave.approved(w.requestedBy(), at)));
      return row.withStatus(Status.RUNNING, "wave " + w.wave() + " approved by " + w.requestedBy());
    } else if (event instanceof RolloutPaused p) {
      return row.withStatus(Status.PAUSED, "paused by " + p.requestedBy());
    } else if (event instanceof RolloutResumed r) {
      // A wave may still wait for its approval: resuming does not approve it.
      boolean awaiting =
          rows.wave(id, before.currentWave() + 1)
              .filter(w -> w.state() == WaveRow.State.AWAITING_APPROVAL)
              .isPresent();
      return awaiting
          ? row.withStatus(
              Status.AWAITING_APPROVAL, "wave " + (before.currentWave() + 1) + " awaits approval")
          : row.withStatus(Status.RUNNING, "resumed by " + r.requestedBy());
    } else if (event instanceof RolloutHalted h) {
      return row.withStatus(Status.HALTED, EventSummaries.haltDetail(h));
    } else if (event instanceof RolloutAborted a) {
      return row.withStatus(Status.ABORTED, a.reason());
    } else if (event instanceof RolloutFinished) {
      // An aborted rollout stays aborted when its last device ends.
      Status status = before.status() == Status.ABORTED ? Status.ABORTED : Status.FINISHED;
      return row.withStatus(
              status, before.status() == Status.ABORTED ? before.statusDetail() : null)
          .withFinishedAt(at);
    } else if (event instanceof StepDispatched d) {
      return moved(row, rows, d.command().deviceId(), Stage.of(d.command().step()), null, at, out);
    } else if (event instanceof DeviceDeferred d) {
      return moved(row, rows, d.deviceId(), Stage.DEFERRED, Reasons.of(d.reasons()), at, out);
    } else if (event instanceof DeviceFinished f) {
      RolloutDeviceRow device =
          deviceRow(rows, id, f.deviceId(), at)
              .withFacts(f.version(), f.backupId() == null ? null : f.backupId().value(), at);
      return moved(row, device, Stage.of(f.outcome()), Reasons.of(f.reasons()), at, out);
    } else if (event instanceof StepCompleted c) {
      WorkerReply reply = c.reply();
      RolloutDeviceRow device = deviceRow(rows, id, reply.deviceId(), at);
      out.add(new PutDevice(device.withFacts(versionAfter(reply), backupOf(reply), at)));
      return row;
    } else if (event instanceof StepTimedOut || event instanceof ControlRefused) {
      return row; // audited and in the history; the device stays at its step
    }
    throw new IllegalArgumentException("no projection for " + event.getClass().getName());
  }

  private static RolloutRow moved(
      RolloutRow row,
      ProjectedRows rows,
      DeviceId deviceId,
      Stage to,
      Reasons reasons,
      Instant at,
      List<RowChange> out) {
    return moved(row, deviceRow(rows, row.rolloutId(), deviceId, at), to, reasons, at, out);
  }

  /** Moves a device to a stage; {@code reasons} null keeps the ones it had. */
  private static RolloutRow moved(
      RolloutRow row,
      RolloutDeviceRow device,
      Stage to,
      Reasons reasons,
      Instant at,
      List<RowChange> out) {
    out.add(new PutDevice(device.withStage(to, reasons == null ? device.reasons() : reasons, at)));
    return row.withDeviceMoved(device.stage(), to);
  }

  private static RolloutDeviceRow deviceRow(
      ProjectedRows rows, String rolloutId, DeviceId device, Instant at) {
    return rows.device(rolloutId, device.value())
        .orElseGet(() -> RolloutDeviceRow.pending(rolloutId, device.value(), at));
  }

  private AuditRow audit(RolloutEvent event) {
    return new AuditRow(
        event.rolloutId().value(),
        event.sequence(),
        deviceOf(event).map(DeviceId::value).orElse(null),
        MessageTypes.of(event.getClass()).name(),
        event.occurredAt(),
        event.causationId().toString(),
        EventSummaries.of(event),
        codec.encodeToString(event));
  }

  private static Optional<DeviceHistoryRow> history(RolloutEvent event) {
    String step = null;
    String result;
    Integer version = null;
    if (event instanceof StepDispatched d) {
      step = d.command().step().wireName();
      result = "dispatched";
    } else if (event instanceof StepCompleted c) {
      step = c.reply().step().wireName();
      result = c.reply().succeeded() ? "succeeded" : "failed";
      version = versionAfter(c.reply());
    } else if (event instanceof StepTimedOut t) {
      step = t.step().wireName();
      result = "timed-out";
    } else if (event instanceof DeviceDeferred) {
      result = "deferred";
    } else if (event instanceof DeviceFinished f) {
      result = f.outcome().name();
      version = f.version();
    } else {
      return Optional.empty();
    }
    return Optional.of(
        new DeviceHistoryRow(
            event.rolloutId().value(),
            event.sequence(),
            deviceOf(event).orElseThrow().value(),
            event.occurredAt(),
            MessageTypes.of(event.getClass()).name(),
            step,
            result,
            version,
            EventSummaries.of(event)));
  }

  /** The device an event is about; empty for rollout-wide events. */
  static Optional<DeviceId> deviceOf(RolloutEvent event) {
    if (event instanceof StepDispatched d) {
      return Optional.of(d.command().deviceId());
    } else if (event instanceof StepCompleted c) {
      return Optional.of(c.reply().deviceId());
    } else if (event instanceof StepTimedOut t) {
      return Optional.of(t.deviceId());
    } else if (event instanceof DeviceDeferred d) {
      return Optional.of(d.deviceId());
    } else if (event instanceof DeviceFinished f) {
      return Optional.of(f.deviceId());
    }
    return Optional.empty();
  }

  /** The schema version the device holds after the reply, when the reply says; else null. */
  static Integer versionAfter(WorkerReply reply) {
    if (reply instanceof SafetyCheckPassed p) {
      return p.currentVersion();
    } else if (reply instanceof BackupCompleted b) {
      return b.sourceVersion();
    } else if (reply instanceof MigrationsApplied m) {
      return m.toVersion();
    } else if (reply instanceof MigrationFailed f) {
      return f.versionNow();
    } else if (reply instanceof MigrationRehearsed r) {
      return r.fromVersion(); // a rehearsal ran on a copy: the device is where it was
    } else if (reply instanceof VerificationPassed v) {
      return v.version();
    } else if (reply instanceof RolledBack r) {
      return r.version();
    } else if (reply instanceof Restored r) {
      return r.version();
    }
    return null;
  }

  private static String backupOf(WorkerReply reply) {
    return reply instanceof BackupCompleted b ? b.backupId().value() : null;
  }
}
