package dev.flotilla.coordinator.engine;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.event.EventChain;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.Outgoing;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes rollouts' events as links of their hash chains ({@link EventChain}) and keeps the last
 * link of each: the SHA-256 of the event written last, or read last from the log. The bytes hashed
 * are the event encoded, which are the bytes the record carries. Used on one thread.
 */
final class EventLinks {
  private static final Logger LOG = LoggerFactory.getLogger(EventLinks.class);

  private final MessageCodec codec;
  private final Map<RolloutId, String> heads = new HashMap<>();

  EventLinks(MessageCodec codec) {
    this.codec = codec;
  }

  /** The event to write, naming the rollout's last link; it becomes the last link. */
  Outgoing<RolloutEvent> link(RolloutEvent event) {
    String previous = event.sequence() == 1 ? EventChain.ROOT : heads.get(event.rolloutId());
    Outgoing<RolloutEvent> out = Outgoing.to(Topics.EVENTS, event);
    follow(event);
    if (previous == null) {
      // Never expected: every owned rollout's last link is rebuilt from the log.
      LOG.error(
          "the last link of rollout {} is unknown: event {} is written out of its chain",
          event.rolloutId(),
          event.sequence());
      return out;
    }
    return out.withHeader(EventChain.HEADER, previous);
  }

  /** An event written elsewhere (the acceptance) or read from the log becomes the last link. */
  void follow(RolloutEvent event) {
    heads.put(event.rolloutId(), hashOf(event));
  }

  String hashOf(RolloutEvent event) {
    return EventChain.sha256(codec.encode(event));
  }

  void putAll(Map<RolloutId, String> rebuilt) {
    heads.putAll(rebuilt);
  }

  void forget(Set<RolloutId> rollouts) {
    heads.keySet().removeAll(rollouts);
  }

  boolean knows(RolloutId rollout) {
    return heads.containsKey(rollout);
  }

  void clear() {
    heads.clear();
  }
}
