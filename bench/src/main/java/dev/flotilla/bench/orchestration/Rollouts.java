package dev.flotilla.bench.orchestration;

import dev.flotilla.bench.RolloutFollower;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.RolloutPolicy;
import dev.flotilla.contracts.request.Selector;
import dev.flotilla.contracts.request.UpdateRequest;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.coordinator.projection.RolloutProgress;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.Publisher;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Update requests of the synthetic fleet, and what a finished one's devices ended as. */
final class Rollouts {
  private Rollouts() {}

  /**
   * One wave, every device in flight at once (the policy's limit is the device count; it has no
   * upper bound), the rest of the policy the default.
   */
  static UpdateRequest request(RolloutId id, List<DeviceId> devices) {
    return new UpdateRequest(
        id,
        SyntheticFleet.SET,
        VersionId.of(SyntheticFleet.TO),
        Selector.devices(devices),
        RolloutPolicy.DEFAULT.withMaxInFlight(devices.size()),
        "flotilla bench",
        MessageId.random(),
        Instant.now());
  }

  static void publish(KafkaSettings kafka, UpdateRequest request) {
    try (Publisher publisher = Publisher.create(kafka)) {
      publisher.sendAndWait(Topics.UPDATE_REQUESTS, request);
    }
  }

  /** Device outcomes by name; fails unless every device of the rollout is DONE. */
  static Map<String, Integer> outcomesAllDone(RolloutFollower.Ended ended, int devices) {
    RolloutProgress progress = ended.progress();
    if (progress.rejected()) {
      throw new IllegalStateException("the rollout was rejected: " + progress.rejection());
    }
    Map<String, Integer> outcomes = new LinkedHashMap<>();
    for (DeviceOutcome outcome : DeviceOutcome.values()) {
      outcomes.put(outcome.name(), progress.count(outcome));
    }
    if (progress.count(DeviceOutcome.DONE) != devices) {
      throw new IllegalStateException(
          "not every one of the " + devices + " devices is done: " + outcomes);
    }
    return outcomes;
  }
}
