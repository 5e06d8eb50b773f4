package dev.flotilla.notifier;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.codec.MessageTypes;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.id.RolloutId;
import java.util.Objects;

/**
 * One event of {@code flotilla.events} as the dashboards get it: its position, the rollout it
 * belongs to, its logical type name and its JSON. Encoded once when read, shared by every client.
 */
public record FeedEvent(EventPosition position, RolloutId rolloutId, String type, String json) {
  public FeedEvent {
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(rolloutId, "rolloutId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(json, "json");
  }

  public static FeedEvent of(int partition, long offset, RolloutEvent event, MessageCodec codec) {
    return new FeedEvent(
        new EventPosition(partition, offset),
        event.rolloutId(),
        MessageTypes.of(event.getClass()).name(),
        codec.encodeToString(event));
  }
}
