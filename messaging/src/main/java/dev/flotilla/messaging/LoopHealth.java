package dev.flotilla.messaging;

import java.time.Duration;

/**
 * How a {@link TransactionalLoop} is doing, for a service's liveness and readiness: live while its
 * thread runs, ready while its consumer has polled the broker recently. A loop that lost its broker
 * retries on its own, and is not ready meanwhile.
 */
public final class LoopHealth {
  /** Longer than any poll a loop makes, yet short enough that a lost broker shows soon. */
  public static final Duration POLLED_WITHIN = Duration.ofSeconds(30);

  private final String group;
  private volatile long lastPollNanos;
  private volatile boolean polledOnce;
  private volatile boolean ended;

  LoopHealth(String group) {
    this.group = group;
  }

  /** The loop's consumer group, which names it. */
  public String group() {
    return group;
  }

  void polled() {
    lastPollNanos = System.nanoTime();
    polledOnce = true;
  }

  void ended() {
    ended = true;
  }

  /** The loop's thread has not ended. */
  public boolean live() {
    return !ended;
  }

  /** Live, and its consumer polled the broker within {@link #POLLED_WITHIN}. */
  public boolean ready() {
    return live() && polledOnce && System.nanoTime() - lastPollNanos < POLLED_WITHIN.toNanos();
  }

  /** Why it is not ready, or "ready". */
  public String detail() {
    if (!live()) {
      return "stopped";
    }
    if (!polledOnce) {
      return "not connected yet";
    }
    long seconds = Duration.ofNanos(System.nanoTime() - lastPollNanos).toSeconds();
    return ready() ? "ready" : "no poll for " + seconds + " s (the broker may be out of reach)";
  }
}
