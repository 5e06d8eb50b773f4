package dev.flotilla.devicedb.open;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The instant after which a command's work must stop, read from a clock. */
public record Deadline(Instant at, Clock clock) {
  public static Deadline none(Clock clock) {
    return new Deadline(Instant.MAX, clock);
  }

  public boolean passed() {
    return clock.instant().isAfter(at);
  }

  /** The time left, zero once the deadline has passed. */
  public Duration remaining() {
    Instant now = clock.instant();
    return now.isBefore(at) ? Duration.between(now, at) : Duration.ZERO;
  }
}
