package dev.flotilla.messaging;

import java.time.Duration;

/**
 * Bounded exponential backoff: initial, doubling, never above the maximum; reset on success. Not
 * thread-safe.
 */
public final class Backoff {
  private final Duration initial;
  private final Duration max;
  private Duration next;

  public Backoff(Duration initial, Duration max) {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + ", " + max);
    }
    this.initial = initial;
    this.max = max;
    this.next = initial;
  }

  /** The delay before the next attempt; each call doubles the one after, up to the maximum. */
  public Duration next() {
    Duration current = next;
    next = current.multipliedBy(2).compareTo(max) > 0 ? max : current.multipliedBy(2);
    return current;
  }

  public void reset() {
    next = initial;
  }
}
