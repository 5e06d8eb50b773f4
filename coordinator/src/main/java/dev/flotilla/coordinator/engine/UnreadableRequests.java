package dev.flotilla.coordinator.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.contracts.InvalidMessageException;
import dev.flotilla.contracts.control.RejectRequest;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.InvalidRecord;
import dev.flotilla.messaging.InvalidRecordHandler;
import dev.flotilla.messaging.Outgoing;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * An update request that does not decode (a misspelt policy knob, a bad value) still goes to the
 * dead-letter topic, but if it names a readable rollout id its sender must learn why where they
 * look: this publishes a {@link RejectRequest} for that rollout on {@code flotilla.control}, keyed
 * by the id, so the rollout's own coordinator records the rejection with its reason. A record with
 * no readable rollout id stays a dead letter only.
 */
final class UnreadableRequests implements InvalidRecordHandler {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Clock clock;

  UnreadableRequests(Clock clock) {
    this.clock = clock;
  }

  @Override
  public List<Outgoing<?>> handle(InvalidRecord record) {
    if (!record.topic().equals(Topics.UPDATE_REQUESTS.name())) {
      return List.of();
    }
    Optional<JsonNode> json = parse(record.value());
    Optional<RolloutId> rolloutId = json.flatMap(UnreadableRequests::rolloutIdOf);
    if (rolloutId.isEmpty()) {
      return List.of();
    }
    String requestedBy =
        json.map(node -> node.path("requestedBy"))
            .filter(JsonNode::isTextual)
            .map(JsonNode::asText)
            .orElse(null);
    // Derived from where the record was read: handled again after an abort, it is the same one.
    MessageId id =
        MessageId.derivedFrom(
            "reject:" + record.topic() + "/" + record.partition() + "@" + record.offset());
    return List.of(
        Outgoing.to(
            Topics.CONTROL,
            new RejectRequest(
                rolloutId.get(), List.of(record.reason()), requestedBy, id, clock.instant())));
  }

  private static Optional<JsonNode> parse(byte[] value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(value);
      return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<RolloutId> rolloutIdOf(JsonNode json) {
    JsonNode id = json.path("rolloutId");
    if (!id.isTextual()) {
      return Optional.empty();
    }
    try {
      return Optional.of(RolloutId.of(id.asText()));
    } catch (InvalidMessageException e) {
      return Optional.empty();
    }
  }
}
