package dev.flotilla.notifier;

import dev.flotilla.contracts.id.RolloutId;
import java.util.Map;

/** Small feed events for the pure tests: the JSON is a stand-in, only its identity matters. */
final class TestEvents {
  private TestEvents() {}

  /** The event at {@code partition}/{@code offset}, read by a reader that had seen nothing else. */
  static FeedEvent event(int partition, long offset, String rollout) {
    return event(StreamPosition.START, partition, offset, rollout);
  }

  /** The event at {@code partition}/{@code offset}, read by a reader standing at {@code before}. */
  static FeedEvent event(StreamPosition before, int partition, long offset, String rollout) {
    EventPosition position = new EventPosition(partition, offset);
    return new FeedEvent(
        position,
        before.passing(position),
        RolloutId.of(rollout),
        "StepDispatched",
        "{\"rolloutId\":\"" + rollout + "\",\"at\":\"" + partition + "-" + offset + "\"}");
  }

  /** Events read one after another, each carrying the position of the reader after it. */
  static final class Feed {
    private StreamPosition read = StreamPosition.START;

    FeedEvent next(int partition, long offset, String rollout) {
      FeedEvent event = event(read, partition, offset, rollout);
      read = event.after();
      return event;
    }

    StreamPosition position() {
      return read;
    }
  }

  static StreamPosition position(Map<Integer, Long> nextOffsets) {
    return StreamPosition.of(nextOffsets);
  }
}
