package dev.flotilla.coordinator.projection;

import dev.flotilla.contracts.event.ControlRefused;
import dev.flotilla.contracts.event.DeviceDeferred;
import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.DeviceStage;
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
import dev.flotilla.coordinator.projection.RowChange.PutDevice;
import dev.flotilla.coordinator.projection.RowChange.PutRehearsal;
import dev.flotilla.coordinator.projection.RowChange.PutWave;
import dev.flotilla.coordinator.saga.RolloutStanding;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one event changes in the rows of its rollout: the rollout's row it returns (empty when it
 * changes none), its devices' and waves' rows it adds to {@code out}. The rollout's status, detail
 * and waves are its {@link RolloutStanding}, folded by the same function the decider uses.
 */
final class RolloutRowChanges implements RolloutEvent.Visitor<Optional<RolloutRow>> {
  private final RolloutEvent event;
  private final Optional<RolloutRow> before;
  private final ProjectedRows rows;
  private final List<RowChange> out;
  private final Instant at;

  RolloutRowChanges(
      RolloutEvent event, Optional<RolloutRow> before, ProjectedRows rows, List<RowChange> out) {
    this.event = event;
    this.before = before;
    this.rows = rows;
    this.out = out;
    this.at = event.occurredAt();
  }

  @Override
  public Optional<RolloutRow> visit(RolloutAccepted a) {
    if (!opens()) {
      return Optional.empty();
    }
    String id = a.rolloutId().value();
    for (DeviceId device : a.devices()) {
      out.add(new PutDevice(RolloutDeviceRow.pending(id, device.value(), at)));
    }
    return Optional.of(
        RolloutRow.opened(
            id,
            RolloutStanding.NEW.evolve(a),
            a.migrationSet() == null ? null : a.migrationSet().toString(),
            a.targetVersion(),
            a.requestedBy(),
            a.policy().dryRun(),
            a.devices().size(),
            a.policy().waves().size(),
            Reasons.NONE,
            a.sequence(),
            at));
  }

  @Override
  public Optional<RolloutRow> visit(RolloutRejected r) {
    if (!opens()) {
      return Optional.empty();
    }
    return Optional.of(
        RolloutRow.opened(
            r.rolloutId().value(),
            RolloutStanding.NEW.evolve(r),
            null,
            null,
            r.requestedBy(),
            false,
            0,
            0,
            Reasons.of(r.reasons()),
            r.sequence(),
            at));
  }

  @Override
  public Optional<RolloutRow> visit(WaveStarted w) {
    return evolved()
        .map(
            row -> {
              String id = row.rolloutId();
              WaveRow wave = rows.wave(id, w.wave()).orElse(WaveRow.unseen(id, w.wave()));
              out.add(new PutWave(wave.started(w.devices().size(), at)));
              for (DeviceId device : w.devices()) {
                out.add(new PutDevice(deviceRow(id, device).withWave(w.wave(), at)));
              }
              return row;
            });
  }

  @Override
  public Optional<RolloutRow> visit(WaveAwaitingApproval w) {
    return evolved()
        .map(
            row -> {
              out.add(new PutWave(WaveRow.awaiting(row.rolloutId(), w.wave(), at)));
              return row;
            });
  }

  @Override
  public Optional<RolloutRow> visit(WaveApproved w) {
    return evolved()
        .map(
            row -> {
              String id = row.rolloutId();
              WaveRow wave = rows.wave(id, w.wave()).orElse(WaveRow.unseen(id, w.wave()));
              out.add(new PutWave(wave.approved(w.requestedBy(), at)));
              return row;
            });
  }

  @Override
  public Optional<RolloutRow> visit(RolloutPaused paused) {
    return evolved();
  }

  @Override
  public Optional<RolloutRow> visit(RolloutResumed resumed) {
    return evolved();
  }

  @Override
  public Optional<RolloutRow> visit(RolloutHalted halted) {
    return evolved();
  }

  @Override
  public Optional<RolloutRow> visit(RolloutAborted aborted) {
    return evolved();
  }

  @Override
  public Optional<RolloutRow> visit(ControlRefused refused) {
    return evolved(); // audited; nothing else changed
  }

  @Override
  public Optional<RolloutRow> visit(RolloutFinished finished) {
    return evolved();
  }

  @Override
  public Optional<RolloutRow> visit(StepDispatched d) {
    DeviceId device = d.command().deviceId();
    return evolved().map(row -> moved(row, deviceRow(row.rolloutId(), device), stageOf(d), null));
  }

  @Override
  public Optional<RolloutRow> visit(StepCompleted c) {
    return evolved()
        .map(
            row -> {
              ReplyFacts facts = ReplyFacts.of(c.reply());
              RolloutDeviceRow device = deviceRow(row.rolloutId(), c.reply().deviceId());
              out.add(new PutDevice(device.withFacts(facts.version(), facts.backupId(), at)));
              if (facts.rehearsal() != null) {
                out.add(new PutRehearsal(facts.rehearsal()));
              }
              return row;
            });
  }

  @Override
  public Optional<RolloutRow> visit(StepTimedOut timedOut) {
    return evolved(); // in the history; the device stays at its step
  }

  @Override
  public Optional<RolloutRow> visit(DeviceDeferred d) {
    return evolved()
        .map(
            row ->
                moved(
                    row,
                    deviceRow(row.rolloutId(), d.deviceId()),
                    DeviceStage.DEFERRED,
                    Reasons.of(d.reasons())));
  }

  @Override
  public Optional<RolloutRow> visit(DeviceFinished f) {
    String backup = f.backupId() == null ? null : f.backupId().value();
    return evolved()
        .map(
            row ->
                moved(
                    row,
                    deviceRow(row.rolloutId(), f.deviceId()).withFacts(f.version(), backup, at),
                    DeviceStage.of(f.outcome()),
                    Reasons.of(f.reasons())));
  }

  /**
   * An accepted or rejected request opens its rollout's row, or opens it again while the rollout id
   * was only ever rejected (a corrected request may use it).
   */
  private boolean opens() {
    return before.map(row -> !row.standing().accepted()).orElse(true);
  }

  /**
   * The rollout's row after any other event. Empty for a rollout this projection never saw open
   * (the log's start was deleted by retention): such an event is only audited.
   */
  private Optional<RolloutRow> evolved() {
    return before.map(
        row -> row.withEvent(event.sequence(), at).withStanding(row.standing().evolve(event), at));
  }

  private static DeviceStage stageOf(StepDispatched d) {
    return DeviceStage.of(d.command().step());
  }

  /** Moves a device to a stage; {@code reasons} null keeps the ones it had. */
  private RolloutRow moved(
      RolloutRow row, RolloutDeviceRow device, DeviceStage to, Reasons reasons) {
    out.add(new PutDevice(device.withStage(to, reasons == null ? device.reasons() : reasons, at)));
    return row.withDeviceMoved(device.stage(), to);
  }

  private RolloutDeviceRow deviceRow(String rolloutId, DeviceId device) {
    return rows.device(rolloutId, device.value())
        .orElseGet(() -> RolloutDeviceRow.pending(rolloutId, device.value(), at));
  }
}
