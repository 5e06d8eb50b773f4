package dev.flotilla.notifier;

import dev.flotilla.contracts.id.RolloutId;

/** Small feed events for the pure tests: the JSON is a stand-in, only its identity matters. */
final class TestEvents {
  private TestEvents() {}

  static FeedEvent event(int partition, long offset, String rollout) {
    return new FeedEvent(
        new EventPosition(partition, offset),
        RolloutId.of(rollout),
        "StepDispatched",
        "{\"rolloutId\":\"" + rollout + "\",\"at\":\"" + partition + "-" + offset + "\"}");
  }
}
