package dev.flotilla.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A dashboard's view of the notifier: one {@code GET /events} stream read line by line with the
 * JDK's HTTP client, every event stamped with {@link System#nanoTime()} when its first line
 * arrived. The lines are handed over on the client's own threads as they come off the connection.
 */
final class SseFollower implements AutoCloseable {
  private final Object lock = new Object();
  private final List<SseLineParser.Frame> frames = new ArrayList<>();
  private final Set<String> eventIds = new HashSet<>();
  private final Function<SseLineParser.Frame, String> eventIdOf;
  private final SseLineParser parser = new SseLineParser();
  private final CompletableFuture<Void> firstLine = new CompletableFuture<>();
  private volatile Flow.Subscription subscription;
  private volatile boolean closing;
  private boolean ended;
  private boolean endedByServer;

  private SseFollower(Function<SseLineParser.Frame, String> eventIdOf) {
    this.eventIdOf = eventIdOf;
  }

  /**
   * Opens the stream and returns once the notifier has written its first line, which it does right
   * before subscribing the client to the feed.
   *
   * @param eventIdOf the id of the event a frame carries, null when it carries none
   */
  static SseFollower connect(
      URI events, Duration timeout, Function<SseLineParser.Frame, String> eventIdOf)
      throws InterruptedException, TimeoutException {
    SseFollower follower = new SseFollower(eventIdOf);
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(events).header("Accept", "text/event-stream").GET().build();
    client
        .sendAsync(request, follower::bodyHandler)
        .whenComplete((response, failure) -> follower.streamEnded(failure));
    try {
      follower.firstLine.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot follow " + events, e.getCause());
    } catch (TimeoutException e) {
      follower.close();
      throw e;
    }
    return follower;
  }

  /** Every event received so far, in arrival order. */
  List<SseLineParser.Frame> frames() {
    synchronized (lock) {
      return List.copyOf(frames);
    }
  }

  /**
   * Waits until frames carrying all of the {@code expected} events arrived; false when the time ran
   * out first.
   */
  boolean awaitEvents(Collection<String> expected, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (!eventIds.containsAll(expected)) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || ended) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return true;
    }
  }

  /** True when the notifier ended the stream (or it failed) before {@link #close()}. */
  boolean endedByServer() {
    synchronized (lock) {
      return endedByServer;
    }
  }

  @Override
  public void close() {
    closing = true;
    Flow.Subscription current = subscription;
    if (current != null) {
      current.cancel();
    }
  }

  private HttpResponse.BodySubscriber<Void> bodyHandler(HttpResponse.ResponseInfo info) {
    if (info.statusCode() != 200) {
      firstLine.completeExceptionally(
          new IllegalStateException("the notifier answered " + info.statusCode()));
      return HttpResponse.BodySubscribers.discarding();
    }
    return HttpResponse.BodySubscribers.fromLineSubscriber(new Lines());
  }

  private void streamEnded(Throwable failure) {
    synchronized (lock) {
      if (!ended) {
        ended = true;
        endedByServer = !closing;
      }
      lock.notifyAll();
    }
    firstLine.completeExceptionally(
        failure != null ? failure : new IllegalStateException("the stream ended at once"));
  }

  private final class Lines implements Flow.Subscriber<String> {
    @Override
    public void onSubscribe(Flow.Subscription lines) {
      subscription = lines;
      if (closing) {
        lines.cancel();
      } else {
        lines.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(String line) {
      long now = System.nanoTime();
      synchronized (lock) {
        parser
            .line(line, now)
            .ifPresent(
                frame -> {
                  frames.add(frame);
                  String eventId = eventIdOf.apply(frame);
                  if (eventId != null) {
                    eventIds.add(eventId);
                  }
                  lock.notifyAll();
                });
      }
      firstLine.complete(null);
    }

    @Override
    public void onError(Throwable failure) {
      streamEnded(failure);
    }

    @Override
    public void onComplete() {
      streamEnded(null);
    }
  }
}
