package dev.flotilla.notifier;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The events on their way to one SSE client. Writes while the connection takes them and queues the
 * rest until it drains, so a slow client never holds up the others; a client that falls more than
 * {@code maxBacklog} events behind is dropped (its browser reconnects with {@code Last-Event-ID}
 * and resumes from the history). Not thread-safe: confined to one Vert.x context.
 */
public final class ClientOutbox {
  /** The connection to the client, seen through what the outbox needs of it. */
  public interface Sink {
    /** True while the connection's write queue is full. */
    boolean writeQueueFull();

    void write(String frame);

    /** Ends the connection of a client that cannot keep up. */
    void drop();
  }

  private final Sink sink;
  private final int maxBacklog;
  private final Deque<FeedEvent> backlog = new ArrayDeque<>();
  private boolean closed;
  private boolean dropped;

  public ClientOutbox(Sink sink, int maxBacklog) {
    if (maxBacklog < 1) {
      throw new IllegalArgumentException("maxBacklog must be at least 1: " + maxBacklog);
    }
    this.sink = sink;
    this.maxBacklog = maxBacklog;
  }

  public void offer(FeedEvent event) {
    if (closed) {
      return;
    }
    if (backlog.size() >= maxBacklog) {
      dropped = true;
      close();
      sink.drop();
      return;
    }
    backlog.addLast(event);
    flush();
  }

  /** The connection has room again (its drain handler fired). */
  public void drained() {
    flush();
  }

  /** A comment to keep proxies from closing an idle stream; a busy stream needs none. */
  public void heartbeat() {
    if (!closed && backlog.isEmpty() && !sink.writeQueueFull()) {
      sink.write(SseFrames.comment("heartbeat"));
    }
  }

  /** The client went away: nothing more is written. */
  public void close() {
    closed = true;
    backlog.clear();
  }

  public boolean closed() {
    return closed;
  }

  /** True when the client was dropped for falling too far behind. */
  public boolean dropped() {
    return dropped;
  }

  public int backlog() {
    return backlog.size();
  }

  private void flush() {
    while (!closed && !backlog.isEmpty() && !sink.writeQueueFull()) {
      sink.write(SseFrames.event(backlog.removeFirst()));
    }
  }
}
