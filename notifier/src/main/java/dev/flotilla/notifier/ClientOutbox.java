package dev.flotilla.notifier;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The events on their way to one client, whatever carries them (SSE, WebSocket). Writes while the
 * connection takes them and queues the rest until it drains, so a slow client never holds up the
 * others; a client that falls more than {@code maxBacklog} events behind is dropped (it reconnects
 * with the id of the last event it got and resumes from there). Not thread-safe: confined to one
 * Vert.x context.
 */
public final class ClientOutbox {
  /** The connection to the client, seen through what the outbox needs of it. */
  public interface Sink {
    /** True while the connection's write queue is full. */
    boolean writeQueueFull();

    /** Writes one event, under the id the client is to resume with after it. */
    void send(String id, FeedEvent event);

    /** Writes events one after the other, each under its own id. */
    default void sendAll(List<FeedEvent> events) {
      for (FeedEvent event : events) {
        send(event.id(), event);
      }
    }

    /** Tells an idle client (and the proxies on the way) that the connection is alive. */
    void heartbeat();

    /** Ends the connection of a client that cannot be served, for {@code reason}. */
    void drop(String reason);
  }

  private record Outgoing(String id, FeedEvent event) {}

  private final Sink sink;
  private final int maxBacklog;
  private final Deque<Outgoing> backlog = new ArrayDeque<>();
  private Runnable whenFlushed;
  private boolean closed;
  private boolean dropped;

  public ClientOutbox(Sink sink, int maxBacklog) {
    if (maxBacklog < 1) {
      throw new IllegalArgumentException("maxBacklog must be at least 1: " + maxBacklog);
    }
    this.sink = sink;
    this.maxBacklog = maxBacklog;
  }

  public void offer(String id, FeedEvent event) {
    if (closed) {
      return;
    }
    if (backlog.isEmpty() && !sink.writeQueueFull()) {
      // The usual case, for every client on every event: written at once, nothing queued.
      sink.send(id, event);
      runWhenFlushed();
      return;
    }
    if (backlog.size() >= maxBacklog) {
      drop("more than " + maxBacklog + " events behind");
      return;
    }
    backlog.addLast(new Outgoing(id, event));
    flush();
  }

  /**
   * Writes {@code events}, each under its own id, at once when nothing is queued and the connection
   * has room; false (nothing done) otherwise, for the caller to offer them one by one.
   */
  public boolean offerAll(List<FeedEvent> events) {
    if (closed || !backlog.isEmpty() || sink.writeQueueFull()) {
      return false;
    }
    sink.sendAll(events);
    runWhenFlushed();
    return true;
  }

  /** The connection has room again (its drain handler fired). */
  public void drained() {
    flush();
  }

  /**
   * Runs {@code action} once everything offered so far is written to the connection: now, if it is;
   * never, if the outbox closes first. Replaces an action not yet run.
   */
  public void whenFlushed(Runnable action) {
    if (closed) {
      return;
    }
    whenFlushed = action;
    flush();
  }

  /** A heartbeat for an idle connection; a busy one needs none. */
  public void heartbeat() {
    if (!closed && backlog.isEmpty() && !sink.writeQueueFull()) {
      sink.heartbeat();
    }
  }

  /**
   * Ends the client's connection (it reconnects with its last event id): nothing more is written.
   */
  public void drop(String reason) {
    if (closed) {
      return;
    }
    dropped = true;
    close();
    sink.drop(reason);
  }

  /** The client went away: nothing more is written. */
  public void close() {
    closed = true;
    backlog.clear();
    whenFlushed = null;
  }

  public boolean closed() {
    return closed;
  }

  /** True when the client was dropped for falling too far behind. */
  public boolean dropped() {
    return dropped;
  }

  /** True while one more event can be offered without dropping the client. */
  public boolean hasRoom() {
    return !closed && backlog.size() < maxBacklog;
  }

  public int backlog() {
    return backlog.size();
  }

  private void flush() {
    while (!closed && !backlog.isEmpty() && !sink.writeQueueFull()) {
      Outgoing next = backlog.removeFirst();
      sink.send(next.id(), next.event());
    }
    runWhenFlushed();
  }

  private void runWhenFlushed() {
    if (!closed && backlog.isEmpty() && whenFlushed != null) {
      Runnable action = whenFlushed;
      whenFlushed = null;
      action.run();
    }
  }
}
