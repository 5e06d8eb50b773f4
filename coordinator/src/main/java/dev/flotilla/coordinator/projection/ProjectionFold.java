package dev.flotilla.coordinator.projection;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.codec.MessageTypes;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.coordinator.projection.RowChange.AddAudit;
import dev.flotilla.coordinator.projection.RowChange.AddHistory;
import dev.flotilla.coordinator.projection.RowChange.PutRollout;
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
    Optional<RolloutRow> rollout = rows.rollout(event.rolloutId().value());
    if (rollout.isPresent() && event.sequence() <= rollout.get().lastSequence()) {
      return List.of(); // applied already: counting it again would be wrong
    }
    List<RowChange> changes = new ArrayList<>();
    Optional<DeviceLine> line = DeviceLine.of(event);
    changes.add(new AddAudit(audit(event, line.map(DeviceLine::device))));
    line.ifPresent(l -> changes.add(new AddHistory(history(event, l))));
    event
        .accept(new RolloutRowChanges(event, rollout, rows, changes))
        .ifPresent(row -> changes.add(new PutRollout(row)));
    return List.copyOf(changes);
  }

  private AuditRow audit(RolloutEvent event, Optional<DeviceId> device) {
    return new AuditRow(
        event.rolloutId().value(),
        event.sequence(),
        device.map(DeviceId::value).orElse(null),
        MessageTypes.of(event.getClass()).name(),
        event.occurredAt(),
        event.causationId().toString(),
        EventSummaries.of(event),
        codec.encodeToString(event));
  }

  private static DeviceHistoryRow history(RolloutEvent event, DeviceLine line) {
    return new DeviceHistoryRow(
        event.rolloutId().value(),
        event.sequence(),
        line.device().value(),
        event.occurredAt(),
        MessageTypes.of(event.getClass()).name(),
        line.step(),
        line.result(),
        line.version(),
        EventSummaries.of(event));
  }
}
