package dev.flotilla.coordinator.engine;

import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.RolloutAccepted;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.event.RolloutFinished;
import dev.flotilla.contracts.event.StepDispatched;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.RolloutId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which device is in which unfinished rollout, folded from every partition of {@code
 * flotilla.events}: a device belongs to at most one active rollout at a time.
 */
final class ActiveDevices {
  private final Map<DeviceId, RolloutId> busy = new ConcurrentHashMap<>();

  void apply(RolloutEvent event) {
    if (event instanceof RolloutAccepted accepted) {
      accepted.devices().forEach(d -> busy.put(d, accepted.rolloutId()));
    } else if (event instanceof StepDispatched dispatched) {
      // A rollout that rolls back finished devices holds them again.
      busy.put(dispatched.command().deviceId(), dispatched.rolloutId());
    } else if (event instanceof DeviceFinished finished) {
      busy.remove(finished.deviceId(), finished.rolloutId());
    } else if (event instanceof RolloutFinished finished) {
      busy.values().removeIf(finished.rolloutId()::equals);
    }
  }

  Map<DeviceId, RolloutId> snapshot() {
    return Map.copyOf(busy);
  }
}
