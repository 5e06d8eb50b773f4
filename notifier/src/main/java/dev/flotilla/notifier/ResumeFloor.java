package dev.flotilla.notifier;

import java.util.Optional;

/**
 * What a client that resumed from a {@link StreamPosition} has already seen, while the events
 * reaching it may come from behind that position: after a notifier restart the new run reads the
 * partitions in another interleaving, so it may hand out events the client saw from the old run.
 * Those are skipped, and the ids sent meanwhile carry the client's position too, so that resuming
 * from any of them never goes back. Pure; one per client.
 */
final class ResumeFloor {
  private StreamPosition floor;

  private ResumeFloor(StreamPosition floor) {
    this.floor = floor;
  }

  /** A client that resumed from {@code seen}. */
  static ResumeFloor at(StreamPosition seen) {
    return new ResumeFloor(seen);
  }

  /** A client that started from the history, or resumed from an old-style id: nothing to add. */
  static ResumeFloor none() {
    return new ResumeFloor(null);
  }

  /** True once every event the client gets goes under its own id. */
  boolean passed() {
    return floor == null;
  }

  /** The id to send {@code event} with; empty when the client has seen it already. */
  Optional<String> idFor(FeedEvent event) {
    return Optional.ofNullable(idOrNull(event));
  }

  /**
   * As {@link #idFor}, null for empty: called for every client on every event, so nothing is
   * allocated once the client is past its floor (the id is then the event's own, shared).
   */
  String idOrNull(FeedEvent event) {
    if (floor == null) {
      return event.id();
    }
    if (floor.hasSeen(event.position())) {
      return null;
    }
    if (event.after().atOrPast(floor)) {
      // Events come in the order of their positions, so every later one is past the floor too.
      floor = null;
      return event.id();
    }
    return event.after().max(floor).id();
  }
}
