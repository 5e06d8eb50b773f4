package dev.flotilla.notifier;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.codec.MessageTypes;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.id.RolloutId;
import java.util.Objects;

/**
 * One event of {@code flotilla.events} as the dashboards get it: its position, where a reader who
 * has seen it stands ({@code after}, whose {@link StreamPosition#id() id} is the event id), the
 * rollout it belongs to, its logical type name and its JSON. Encoded once when read, shared by
 * every client.
 */
public record FeedEvent(
    EventPosition position, StreamPosition after, RolloutId rolloutId, String type, String json) {
  public FeedEvent {
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(rolloutId, "rolloutId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(json, "json");
    if (!after.hasSeen(position)) {
      throw new IllegalArgumentException(after + " must be past the event at " + position);
    }
  }

  /**
   * The event read at {@code partition}/{@code offset} by a reader that stood at {@code before}.
   */
  public static FeedEvent of(
      int partition, long offset, StreamPosition before, RolloutEvent event, MessageCodec codec) {
    EventPosition position = new EventPosition(partition, offset);
    return new FeedEvent(
        position,
        before.passing(position),
        event.rolloutId(),
        MessageTypes.of(event.getClass()).name(),
        codec.encodeToString(event));
  }

  /** The event id: the position of a reader who has seen this event. */
  public String id() {
    return after.id();
  }
}
