package dev.flotilla.notifier;

import dev.flotilla.contracts.InvalidMessageException;
import dev.flotilla.contracts.id.RolloutId;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a client of {@code GET /events} or {@code GET /events/ws} asked for: optionally one rollout,
 * and optionally the id of the last event it saw (to resume after it).
 */
public record StreamQuery(Optional<RolloutId> rollout, Optional<LastEventId> lastEventId)
    implements Predicate<FeedEvent> {
  public static final StreamQuery EVERYTHING = new StreamQuery(Optional.empty(), Optional.empty());

  public StreamQuery {
    rollout = rollout == null ? Optional.empty() : rollout;
    lastEventId = lastEventId == null ? Optional.empty() : lastEventId;
  }

  /**
   * Reads the query of a request. A browser's EventSource sends the {@code Last-Event-ID} header
   * when it reconnects, with a fresher id than any {@code lastEventId} the page put in the URL, so
   * the header wins.
   *
   * @param rolloutParams the values of the {@code rollout} query parameter
   * @param lastEventIdHeader the {@code Last-Event-ID} header, or null
   * @param lastEventIdParams the values of the {@code lastEventId} query parameter
   * @throws BadQueryException with a detail for the person who wrote the URL
   */
  public static StreamQuery parse(
      List<String> rolloutParams, String lastEventIdHeader, List<String> lastEventIdParams) {
    Optional<RolloutId> rollout = single("rollout", rolloutParams).map(StreamQuery::rolloutId);
    Optional<LastEventId> lastEventId =
        lastEventIdHeader != null && !lastEventIdHeader.isBlank()
            ? Optional.of(position("Last-Event-ID header", lastEventIdHeader))
            : single("lastEventId", lastEventIdParams).map(v -> position("lastEventId", v));
    return new StreamQuery(rollout, lastEventId);
  }

  @Override
  public boolean test(FeedEvent event) {
    return rollout.isEmpty() || rollout.get().equals(event.rolloutId());
  }

  private static Optional<String> single(String name, List<String> values) {
    if (values == null || values.isEmpty()) {
      return Optional.empty();
    }
    if (values.size() > 1) {
      throw new BadQueryException("give the query parameter '" + name + "' at most once");
    }
    String value = values.get(0);
    if (value.isBlank()) {
      throw new BadQueryException("the query parameter '" + name + "' must not be empty");
    }
    return Optional.of(value);
  }

  private static RolloutId rolloutId(String value) {
    try {
      return RolloutId.of(value);
    } catch (InvalidMessageException e) {
      throw new BadQueryException("rollout: " + e.problem());
    }
  }

  private static LastEventId position(String source, String value) {
    try {
      return LastEventId.parse(value);
    } catch (IllegalArgumentException e) {
      throw new BadQueryException(source + ": " + e.getMessage());
    }
  }
}
