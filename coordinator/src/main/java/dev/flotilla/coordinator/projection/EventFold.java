package dev.flotilla.coordinator.projection;

import dev.flotilla.contracts.event.RolloutEvent;
import java.util.List;

/** Turns one event into the row changes it makes, given the rows as they stand. */
@FunctionalInterface
public interface EventFold {
  List<RowChange> changes(RolloutEvent event, ProjectedRows rows);
}
