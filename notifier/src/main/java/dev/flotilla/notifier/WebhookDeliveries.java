package dev.flotilla.notifier;

import dev.flotilla.messaging.Backoff;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The calls owed to one webhook receiver, in order, and how calling it goes: one call at a time,
 * the next only once the receiver has taken the one before; after a failure the same call again,
 * after a pause that doubles with each failure in a row up to a cap. Keeps no I/O of its own (the
 * {@link WebhookSender} calls), so its rules can be tested alone. Not thread-safe: confined to one
 * Vert.x context.
 */
final class WebhookDeliveries {
  /** How delivery to one receiver goes, as {@code /health} shows it. */
  record Status(
      long delivered, int pending, Optional<String> lastError, Optional<Instant> nextRetry) {}

  private record Pending(WebhookCall call, Promise<Void> done) {}

  private final Deque<Pending> owed = new ArrayDeque<>();
  private final Backoff backoff;
  private long delivered;
  private String lastError;
  private Instant nextRetry;

  WebhookDeliveries(Duration firstRetry, Duration longestRetry) {
    this.backoff = new Backoff(firstRetry, longestRetry);
  }

  /** Queues {@code call}; the future completes once the receiver has answered it with a 2xx. */
  Future<Void> add(WebhookCall call) {
    Promise<Void> done = Promise.promise();
    owed.addLast(new Pending(call, done));
    return done.future();
  }

  /** The call to make now, if any: the oldest one not yet taken. */
  Optional<WebhookCall> next() {
    Pending head = owed.peekFirst();
    return head == null ? Optional.empty() : Optional.of(head.call());
  }

  /** The receiver answered the current call with a 2xx: it is done, the pauses start over. */
  void delivered() {
    Pending head = owed.removeFirst();
    delivered++;
    nextRetry = null;
    backoff.reset();
    head.done().complete();
  }

  /**
   * The current call failed ({@code error} says how): it stays first.
   *
   * @return how long to wait before calling again
   */
  Duration failed(String error, Instant now) {
    Duration pause = backoff.next();
    lastError = error;
    nextRetry = now.plus(pause);
    return pause;
  }

  /** Every queued call fails (the notifier is stopping); nothing is delivered any more. */
  void abandon() {
    for (Pending pending; (pending = owed.pollFirst()) != null; ) {
      pending.done().tryFail("the notifier is stopping");
    }
    nextRetry = null;
  }

  Status status() {
    return new Status(
        delivered, owed.size(), Optional.ofNullable(lastError), Optional.ofNullable(nextRetry));
  }
}
